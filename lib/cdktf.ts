/**
 * The one place the library imports `cdktf` from. cdktf is archived upstream and its fork
 * `cdktn` is a drop-in rename: moving over means changing this file (and regenerating .gen).
 */
export {
  Annotations,
  App,
  Aspects,
  CloudBackend,
  DefaultTokenResolver,
  Fn,
  Lazy,
  NamedCloudWorkspace,
  LocalBackend,
  StringConcat,
  TerraformIterator,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
  Tokenization,
} from "cdktf";
export type { IAspect, IResolvable, IResolveContext, TerraformBackend } from "cdktf";
