/**
 * Jest setup (jest.config.js `setupFiles`): tokens get no creation stack in the engine this test
 * file loads (the library's disableTokenCreationStacks). Under Jest the stacks are deep and
 * thousands of tokens are made per test file: capturing them was about 40% of the suite's time.
 * Errors and Jest's assertions keep their stacks.
 */
import { disableTokenCreationStacks } from "../../lib/cdktf";

disableTokenCreationStacks();
