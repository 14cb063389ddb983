import { Construct } from "constructs";
import { TerraformOutput } from "./cdktf";
import { Network, NetworkProps } from "./network";
import { OciStack, OciStackProps } from "./oci-stack";

export interface ReferenceArchitectureStackProps extends OciStackProps {
  /** Compartment OCID for every resource of the architecture. */
  readonly compartmentId: string;
  /**
   * Network settings on top of the built-in defaults.
   * @default Oracle's example layout in 10.0.0.0/16, private API endpoint, public load balancers
   */
  readonly network?: Omit<NetworkProps, "compartmentId">;
}

/** Oracle's "serverless Kubernetes with OKE virtual nodes" reference architecture. */
export class ReferenceArchitectureStack extends OciStack {
  public readonly network: Network;

  public constructor(scope: Construct, id: string, props: ReferenceArchitectureStackProps) {
    super(scope, id, props);
    this.network = new Network(this, "network", { ...props.network, compartmentId: props.compartmentId });

    new TerraformOutput(this, "vcn_id", { value: this.network.vcnId, description: "OCID of the VCN" });
    for (const role of ["api", "nodes", "pods", "lb", "db"] as const) {
      const subnet = this.network.subnet(role);
      new TerraformOutput(this, `${role}_subnet_id`, {
        value: subnet.subnetId,
        description: `OCID of the subnet for ${role} (${subnet.cidr})`,
      });
    }
  }
}
