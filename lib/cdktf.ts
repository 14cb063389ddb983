/**
 * The one place the library takes its engine from: cdktf 0.21, or its fork CDK Terrain (cdktn).
 *
 * A cdktn app keeps the name `cdktf` as an npm alias of cdktn (`"cdktf": "npm:cdktn@0.24.0"`,
 * README "CDK Terrain (cdktn)"), for the prebuilt `@cdktf/provider-*` packages and the generated
 * OCI bindings, which import `cdktf`. That alias is a second copy of cdktn next to the app's own
 * `cdktn`, and the copies do not share Aspects (cdktn keys them by a private Symbol): an app
 * importing `Aspects` from `cdktn` would add ComplianceChecks that stacks built on the `cdktf` copy
 * never run. So when `cdktf` is the alias and `cdktn` is installed, the library runs on `cdktn`,
 * the copy the app imports. Everything else the library relies on is the same in both engines
 * (checked in cdktn 0.24.0): `cdktf.json`, `cdktf.out`, `CDKTF_OUTDIR` / `CDKTF_CONTEXT_JSON`, the
 * `@cdktf/warn` metadata type, the global token map and the `Symbol.for` type marks.
 */
import type { IConstruct } from "constructs";
import type * as engineTypes from "cdktf";

/** The engine's package name: "cdktn" when the app is on CDK Terrain, else "cdktf". */
export const ENGINE: "cdktf" | "cdktn" = loadEngineName();

function loadEngineName(): "cdktf" | "cdktn" {
  const aliasedTo = (require("cdktf/package.json") as { name: string }).name;
  if (aliasedTo !== "cdktn") return "cdktf";
  try {
    require.resolve("cdktn");
    return "cdktn";
  } catch {
    return "cdktf"; // only the alias is installed: it is cdktn, under the name cdktf
  }
}

const engine: typeof engineTypes = ENGINE === "cdktn" ? require("cdktn") : require("cdktf");

export const Annotations: typeof engineTypes.Annotations = engine.Annotations;
export type Annotations = engineTypes.Annotations;
export const App: typeof engineTypes.App = engine.App;
export type App = engineTypes.App;
export const Aspects: typeof engineTypes.Aspects = engine.Aspects;
export type Aspects = engineTypes.Aspects;
export const CloudBackend: typeof engineTypes.CloudBackend = engine.CloudBackend;
export type CloudBackend = engineTypes.CloudBackend;
export const Fn: typeof engineTypes.Fn = engine.Fn;
export type Fn = engineTypes.Fn;
export const Lazy: typeof engineTypes.Lazy = engine.Lazy;
export type Lazy = engineTypes.Lazy;
export const NamedCloudWorkspace: typeof engineTypes.NamedCloudWorkspace = engine.NamedCloudWorkspace;
export type NamedCloudWorkspace = engineTypes.NamedCloudWorkspace;
export const LocalBackend: typeof engineTypes.LocalBackend = engine.LocalBackend;
export type LocalBackend = engineTypes.LocalBackend;
export const TerraformIterator: typeof engineTypes.TerraformIterator = engine.TerraformIterator;
export type TerraformIterator = engineTypes.TerraformIterator;
export const TerraformElement: typeof engineTypes.TerraformElement = engine.TerraformElement;
export type TerraformElement = engineTypes.TerraformElement;
export const TerraformOutput: typeof engineTypes.TerraformOutput = engine.TerraformOutput;
export type TerraformOutput = engineTypes.TerraformOutput;
export const TerraformResource: typeof engineTypes.TerraformResource = engine.TerraformResource;
export type TerraformResource = engineTypes.TerraformResource;
export const TerraformStack: typeof engineTypes.TerraformStack = engine.TerraformStack;
export type TerraformStack = engineTypes.TerraformStack;
export const Testing: typeof engineTypes.Testing = engine.Testing;
export type Testing = engineTypes.Testing;
export const Token: typeof engineTypes.Token = engine.Token;
export type Token = engineTypes.Token;
export const DefaultTokenResolver: typeof engineTypes.DefaultTokenResolver = engine.DefaultTokenResolver;
export type DefaultTokenResolver = engineTypes.DefaultTokenResolver;
export const StringConcat: typeof engineTypes.StringConcat = engine.StringConcat;
export type StringConcat = engineTypes.StringConcat;
export const Tokenization: typeof engineTypes.Tokenization = engine.Tokenization;
export type Tokenization = engineTypes.Tokenization;
export type { IAspect, IResolvable, IResolveContext, IStackSynthesizer, ISynthesisSession, TerraformBackend } from "cdktf";

/**
 * Fails when the app's root `App` comes from another copy of the engine than the library's: the
 * stacks would synthesize, but Aspects added through one copy never run on stacks of the other, so
 * ComplianceChecks would silently check nothing.
 */
export function checkSameEngine(scope: IConstruct): void {
  const root = scope.node.root;
  if (engine.App.isApp(root) && !(root instanceof engine.App)) {
    throw new Error(
      `${scope.node.path}: the app's App is not from the ${ENGINE} package oke-virtual-nodes runs on ` +
        `(${require.resolve(ENGINE)}), so Aspects such as ComplianceChecks would not run on its stacks. ` +
        `In a CDK Terrain app, import App, TerraformStack and Aspects from "cdktn" and alias "cdktf" to the same ` +
        `cdktn ("cdktf": "npm:cdktn@<version>", README "CDK Terrain (cdktn)"); with cdktf, \`npm ls cdktf\` must list one copy`,
    );
  }
}

/** The engine's own module for tokens' creation stacks; private to it, so possibly missing. */
const stackTrace = loadStackTraceModule();

function loadStackTraceModule(): { captureStackTrace: () => string[]; captureCreationStack?: unknown } | undefined {
  try {
    return require(`${ENGINE}/lib/tokens/private/stack-trace`);
  } catch {
    return undefined;
  }
}

/**
 * Stops the engine from capturing a call stack at the creation of every token until the returned
 * function is called. The stack is only shown when a token fails to resolve, yet capturing it is up
 * to a third of a synth of many resources, and more under Jest, whose call stacks are deep. Errors
 * and assertions keep their own stacks. CDK Terrain has a switch for it (its
 * `CDKTN_DISABLE_CREATION_STACK`, which this sets); cdktf 0.21 has none, and the function its
 * tokens call for the stack is replaced by one returning none. Where neither is found (an engine
 * this library does not know), nothing changes.
 */
export function disableTokenCreationStacks(): () => void {
  if (!stackTrace) return () => undefined;
  if (stackTrace.captureCreationStack) {
    const before = process.env.CDKTN_DISABLE_CREATION_STACK;
    process.env.CDKTN_DISABLE_CREATION_STACK = "1";
    return () => {
      if (before === undefined) delete process.env.CDKTN_DISABLE_CREATION_STACK;
      else process.env.CDKTN_DISABLE_CREATION_STACK = before;
    };
  }
  const traces = stackTrace;
  const capture = traces.captureStackTrace;
  traces.captureStackTrace = () => [];
  return () => {
    traces.captureStackTrace = capture;
  };
}

