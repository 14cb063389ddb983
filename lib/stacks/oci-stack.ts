import { Construct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import { OciProvider, OciProviderConfig } from "../../.gen/providers/oci/provider";
import { Annotations, ENGINE, LocalBackend, TerraformBackend, TerraformStack, checkSameEngine } from "../cdktf";
import { closestRegion, regionInfo } from "../common/realms";
import { isReference } from "../common/references";
import { ENVIRONMENT_CONTEXT_KEY, checkEnvironment, environmentOf } from "../common/environment";
import { checkRegion } from "../common/region";
import { recordStackRegion } from "../common/stack-region";
import { adoptOuterTags } from "../common/tags";
import { installPolicyLanguageChecks } from "../security/policy-language-checks";
import { prepareStackTokens } from "./prepare-tokens";

export interface OciStackProps {
  /** OCI region identifier, e.g. `eu-frankfurt-1`. */
  readonly region: string;
  /**
   * Further settings of the `oci` provider (auth, config file profile, …).
   * @default {} — the provider reads ~/.oci/config's DEFAULT profile
   */
  readonly providerConfig?: Omit<OciProviderConfig, "region">;
  /**
   * Creates the stack's backend, e.g. `terraformCloudBackend()` for a Terraform Cloud workspace per
   * stack, or `(stack) => new S3Backend(stack, {...})`.
   * @default a local backend at `terraform.<stack id>.tfstate` in the project directory (written
   * relative to cdktf.out/stacks/<stack id>, so the JSON carries no machine paths and later stacks
   * find the state of earlier ones)
   */
  readonly backend?: (stack: OciStack) => TerraformBackend;
  /**
   * Environment name (`dev`, `prod`): starts the display and policy names of everything the
   * library creates in this stack, so environments share a compartment without colliding. Give
   * every stack of an environment the same one (or set the `oke-virtual-nodes:environment`
   * context on the App). Terraform addresses do not change.
   * @default the App's `oke-virtual-nodes:environment` context, else none (names as they are)
   */
  readonly environment?: string;
}

/** A Terraform stack with the `oci` provider configured for one region. */
export class OciStack extends TerraformStack {
  public readonly region: string;
  /**
   * The region's realm (`oc1`, `oc2`, …) from the library's table of realms.
   * @default undefined for a region the library does not know
   */
  public readonly realm?: string;
  public readonly ociProvider: OciProvider;
  /** The environment whose name starts the library's display and policy names, if any. */
  public readonly environment?: string;

  public constructor(scope: Construct, id: string, props: OciStackProps) {
    super(scope, id);
    checkSameEngine(this);
    // Tags.of(app) called before this stack existed: cdktf runs only the stack's own Aspects.
    adoptOuterTags(this);
    // Set before any child exists: the library's naming helpers read it from the tree.
    if (props.environment !== undefined) {
      this.node.setContext(ENVIRONMENT_CONTEXT_KEY, checkedAt(this, () => checkEnvironment(props.environment, "environment")));
    }
    this.environment = environmentOf(this);
    this.region = checkedAt(this, () => checkRegion(props.region));
    recordStackRegion(this, this.region);
    this.realm = regionInfo(this.region)?.realm;
    if (!this.realm && !isReference(this.region)) {
      // New regions appear, so an unknown one is not refused; a typo is the likelier cause.
      Annotations.of(this).addWarning(
        `region "${this.region}" is not one the library knows (common/realms.ts); did you mean ${closestRegion(this.region)}? ` +
          `If it is a new region, its realm's values are taken from the OCIDs, and realm-specific defaults may need to be given explicitly`,
      );
    }
    // Every oci_identity_policy of the stack is parsed against OCI's policy language at synth.
    installPolicyLanguageChecks(this);
    this.ociProvider = new OciProvider(this, "oci", { ...props.providerConfig, region: props.region });
    if (props.backend) {
      const backend = props.backend;
      checkedAt(this, () => backend(this));
    } else {
      // Terraform runs in cdktf.out/stacks/<id>; other stacks' terraform_remote_state reads the
      // same relative path from their own folder, which is why it must not be just terraform.tfstate.
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }
  }

  /**
   * On cdktf, the engine's preparing pass (it finds the cross-stack references) for a fraction of
   * its cost: only what can hold a token is resolved (prepare-tokens.ts). On CDK Terrain, whose pass
   * also records provider-feature and function usage, the engine's own pass runs.
   */
  public prepareStack(): void {
    if (ENGINE !== "cdktf") return super.prepareStack();
    this.ensureBackendExists();
    prepareStackTokens(this);
  }
}
