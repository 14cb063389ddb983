import { Construct, IConstruct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import { environmentName } from "../common/environment";
import { IdentityPolicy } from "../../.gen/providers/oci/identity-policy";
import { TerraformStack } from "../cdktf";
import { shortHash } from "../common/hash";
import { installPolicyLanguageChecks } from "./policy-language-checks";

export interface IamPolicyProps {
  /** Compartment the policy is attached to; statements reach it and its children. */
  readonly compartmentId: string;
  /** Policy name: letters, digits, '-', '_' and '.', at most 100 characters. */
  readonly name: string;
  readonly description: string;
  /** At least one; OCI allows at most 50 per policy. */
  readonly statements: readonly string[];
}

const POLICY_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const MAX_POLICY_NAME = 100;
const MAX_STATEMENTS = 50;

/**
 * A policy name from a longer description: kept as it is when it fits, else cut and given a short
 * hash of the whole, so two long names stay distinct.
 * @internal
 */
export function fitPolicyName(base: string): string {
  if (base.length <= MAX_POLICY_NAME) return base;
  const suffix = `-${shortHash(base)}`;
  return base.slice(0, MAX_POLICY_NAME - suffix.length) + suffix;
}

/**
 * The name of a policy the library creates: `[<environment>-]<base>-<hash of the compartment>`.
 * OCI wants policy names unique in the whole tenancy, so a second deployment with the same
 * construct names in another compartment must not collide; two deployments in one compartment
 * need an environment name (`OciStack` `environment`) or distinct construct names.
 * @param scope the construct that writes the policy, whose environment starts the name.
 * @internal
 */
export function deploymentPolicyName(base: string, compartmentId: string, scope?: IConstruct): string {
  const safe = (scope ? environmentName(scope, base) : base).replace(/[^A-Za-z0-9_.-]+/g, "-");
  return fitPolicyName(`${safe}-${shortHash(compartmentId).slice(0, 6)}`);
}

/** An OCI IAM policy whose statements other constructs build (see `iam-statements`). */
export class IamPolicy extends Construct {
  public readonly policy: IdentityPolicy;
  public readonly statements: readonly string[];

  public constructor(scope: Construct, id: string, props: IamPolicyProps) {
    super(scope, id);
    checkedAt(this, () => {
      if (!POLICY_NAME.test(props.name)) {
        throw new Error(
          `policy name "${props.name}" is not valid; use at most 100 letters, digits, '-', '_' and '.'`,
        );
      }
      if (props.statements.length === 0 || props.statements.length > MAX_STATEMENTS) {
        throw new Error(`policy "${props.name}" has ${props.statements.length} statements; OCI allows 1 to ${MAX_STATEMENTS}`);
      }
    });
    this.statements = [...props.statements];
    // Every statement of this stack, the user's own included, is parsed at synth.
    installPolicyLanguageChecks(TerraformStack.of(this));
    this.policy = new IdentityPolicy(this, "policy", {
      compartmentId: props.compartmentId,
      name: props.name,
      description: props.description,
      statements: this.statements as string[],
    });
  }
}
