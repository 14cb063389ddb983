/**
 * Jest setup (jest.config.js `setupFiles`): cdktf records the full call stack at the creation of
 * every token, only to name it if that token later fails to resolve. Under Jest the stacks are
 * deep and thousands of tokens are made per test file: it was about 40% of the suite's time. Here
 * tokens get no creation stack; errors and Jest's assertions keep theirs.
 */
// The engine's own module object (loaded into this test file's registry), whose export cdktf calls.
const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: (below?: unknown) => string[] };
stackTrace.captureStackTrace = () => [];
