import { Annotations, CloudBackend, NamedCloudWorkspace, TerraformBackend, TerraformStack } from "../cdktf";

/** Terraform Cloud / Enterprise, one workspace per stack. */
export interface TerraformCloudOptions {
  /**
   * The organization.
   * @default the TF_CLOUD_ORGANIZATION environment variable
   */
  readonly organization?: string;
  /**
   * Prefix of the workspace names; a stack's workspace is `<prefix><stack id>`.
   * @default the TF_WORKSPACE_PREFIX environment variable, else ""
   */
  readonly workspacePrefix?: string;
  /**
   * The workspaces' project.
   * @default the TF_CLOUD_PROJECT environment variable, else the organization's default project
   */
  readonly project?: string;
  /**
   * Terraform Enterprise host name.
   * @default the TF_CLOUD_HOSTNAME environment variable, else app.terraform.io
   */
  readonly hostname?: string;
}

const NAME = /^[A-Za-z0-9_-]+$/;
const MAX_WORKSPACE_NAME = 90;

/** Terraform Cloud settings resolved once, for the backends of several stacks and their readers. */
export interface TerraformCloudWorkspaces {
  readonly organization: string;
  /** @default app.terraform.io */
  readonly hostname?: string;
  /** The workspace of a stack: `<prefix><stack id>`. */
  workspaceName(stackId: string): string;
  /** The backend factory for `OciStack`'s `backend` prop. */
  backend(stack: TerraformStack): TerraformBackend;
}

/**
 * A backend factory for `OciStack`'s `backend` prop: a `cloud` block with a workspace named after
 * the stack. Cross-stack references between such stacks would read the other stacks' whole state
 * with `terraform_remote_state`; read a platform through its outputs instead
 * (`readPlatformFromTerraformCloud`).
 */
export function terraformCloudBackend(
  options: TerraformCloudOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): (stack: TerraformStack) => TerraformBackend {
  const workspaces = terraformCloudWorkspaces(options, env);
  return (stack) => workspaces.backend(stack);
}

/** The organization, host and workspace naming of `terraformCloudBackend`, for backends and readers alike. */
export function terraformCloudWorkspaces(options: TerraformCloudOptions = {}, env: NodeJS.ProcessEnv = process.env): TerraformCloudWorkspaces {
  const organization = options.organization ?? env.TF_CLOUD_ORGANIZATION;
  if (!organization || !NAME.test(organization)) {
    throw new Error(
      `Terraform Cloud organization: "${organization ?? ""}" is not an organization name; set organization or TF_CLOUD_ORGANIZATION to letters, digits, '-' and '_'`,
    );
  }
  const prefix = options.workspacePrefix ?? env.TF_WORKSPACE_PREFIX ?? "";
  const project = options.project ?? env.TF_CLOUD_PROJECT;
  const hostname = options.hostname ?? env.TF_CLOUD_HOSTNAME;
  const workspaceName = (stackId: string) => {
    const workspace = `${prefix}${stackId}`;
    if (!NAME.test(workspace) || workspace.length > MAX_WORKSPACE_NAME) {
      throw new Error(
        `Terraform Cloud workspace: "${workspace}" (prefix + stack id) is not a workspace name; use at most ${MAX_WORKSPACE_NAME} letters, digits, '-' and '_'`,
      );
    }
    return workspace;
  };
  return {
    organization,
    hostname,
    workspaceName,
    backend: (stack) => {
      // Cross-stack references are resolved before validation: say when one reads a whole state.
      stack.node.addValidation({ validate: () => warnOfRemoteState(stack) });
      return new CloudBackend(stack, { organization, hostname, workspaces: new NamedCloudWorkspace(workspaceName(stack.node.id), project) });
    },
  };
}

function warnOfRemoteState(stack: TerraformStack): string[] {
  const sources = stack.node.children.filter((c) => c.node.id.startsWith("cross-stack-reference-input-"));
  if (sources.length) {
    const from = sources.map((c) => c.node.id.slice("cross-stack-reference-input-".length)).join(", ");
    Annotations.of(stack).addWarning(
      `reads the whole Terraform Cloud state of ${from} (terraform_remote_state, from cross-stack references): the workspace must share its state with this one, ` +
        `and this one sees all of it, secrets included; read a platform through its outputs instead (readPlatformFromTerraformCloud)`,
    );
  }
  return [];
}
