import { Construct } from "constructs";
import { OciProvider, OciProviderConfig } from "../../.gen/providers/oci/provider";
import { LocalBackend, TerraformBackend, TerraformStack } from "../cdktf";

export interface OciStackProps {
  /** OCI region identifier, e.g. `eu-frankfurt-1`. */
  readonly region: string;
  /**
   * Further settings of the `oci` provider (auth, config file profile, …).
   * @default {} — the provider reads ~/.oci/config's DEFAULT profile
   */
  readonly providerConfig?: Omit<OciProviderConfig, "region">;
  /**
   * Creates the stack's backend, e.g. `(stack) => new CloudBackend(stack, {...})`.
   * @default a local backend at `terraform.tfstate`, relative to the stack's working directory
   */
  readonly backend?: (stack: OciStack) => TerraformBackend;
}

/** A Terraform stack with the `oci` provider configured for one region. */
export class OciStack extends TerraformStack {
  public readonly region: string;
  public readonly ociProvider: OciProvider;

  public constructor(scope: Construct, id: string, props: OciStackProps) {
    super(scope, id);
    if (!/^[a-z]+-[a-z]+-\d+$/.test(props.region)) {
      throw new Error(`region: "${props.region}" is not an OCI region identifier such as eu-frankfurt-1`);
    }
    this.region = props.region;
    this.ociProvider = new OciProvider(this, "oci", { ...props.providerConfig, region: props.region });
    if (props.backend) {
      props.backend(this);
    } else {
      // Relative, so synthesized JSON carries no machine paths.
      new LocalBackend(this, { path: "terraform.tfstate" });
    }
  }
}
