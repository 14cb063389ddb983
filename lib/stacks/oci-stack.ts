import { Construct } from "constructs";
import { OciProvider, OciProviderConfig } from "../../.gen/providers/oci/provider";
import { LocalBackend, TerraformBackend, TerraformStack, checkSameEngine } from "../cdktf";
import { checkRegion } from "../common/region";

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
}

/** A Terraform stack with the `oci` provider configured for one region. */
export class OciStack extends TerraformStack {
  public readonly region: string;
  public readonly ociProvider: OciProvider;

  public constructor(scope: Construct, id: string, props: OciStackProps) {
    super(scope, id);
    checkSameEngine(this);
    this.region = checkRegion(props.region);
    this.ociProvider = new OciProvider(this, "oci", { ...props.providerConfig, region: props.region });
    if (props.backend) {
      props.backend(this);
    } else {
      // Terraform runs in cdktf.out/stacks/<id>; other stacks' terraform_remote_state reads the
      // same relative path from their own folder, which is why it must not be just terraform.tfstate.
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }
  }
}
