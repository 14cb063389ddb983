import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { terraformCloudBackend, terraformCloudWorkspaces } from "../../lib/stacks/backends";
import { OciStack } from "../../lib/stacks/oci-stack";
import { App } from "../../lib/cdktf";
import { TEST_COMPARTMENT, TEST_REGION, synthApp } from "../support/synth";

describe("terraformCloudBackend", () => {
  const backend = terraformCloudBackend({ organization: "acme", workspacePrefix: "oke-" }, {});
  let testApp!: App;
  const out = synthApp((app) => {
    testApp = app;
    const platform = new OciStack(app, "platform", { region: TEST_REGION, backend });
    const network = new Network(platform, "network", { compartmentId: TEST_COMPARTMENT });
    const apps = new OciStack(app, "apps", { region: TEST_REGION, backend });
    new VirtualNodeCluster(apps, "cluster", { network });
  });

  test("THEN each stack carries a cloud block with its own workspace and no local backend", () => {
    for (const id of ["platform", "apps"]) {
      expect(out.stacks[id].terraform.cloud).toEqual({ organization: "acme", workspaces: { name: `oke-${id}` } });
      expect(out.stacks[id].terraform.backend).toBeUndefined();
    }
  });

  test("THEN cross-stack references read the earlier stack's workspace, with a warning that it is its whole state", () => {
    expect(Object.values(out.stacks.apps.data!.terraform_remote_state)).toEqual([
      { backend: "remote", config: { organization: "acme", workspaces: { name: "oke-platform" } } },
    ]);
    const warnings = (stack: string) => testApp.node.findChild(stack).node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings("apps")).toEqual([expect.stringMatching(/^reads the whole Terraform Cloud state of platform \(terraform_remote_state.*\(readPlatformFromTerraformCloud\)$/)]);
    expect(warnings("platform")).toEqual([]);
  });

  test("GIVEN the environment THEN organization, prefix, project and host come from it", () => {
    const fromEnv = synthApp((app) => {
      const env = { TF_CLOUD_ORGANIZATION: "acme-env", TF_WORKSPACE_PREFIX: "prod-", TF_CLOUD_PROJECT: "oke", TF_CLOUD_HOSTNAME: "tfe.example.com" };
      new OciStack(app, "platform", { region: TEST_REGION, backend: terraformCloudBackend({}, env) });
    });
    expect(fromEnv.stacks.platform.terraform.cloud).toEqual({
      organization: "acme-env",
      hostname: "tfe.example.com",
      workspaces: { name: "prod-platform", project: "oke" },
    });
  });

  test.each([
    [{}, {}, 'Terraform Cloud organization: "" is not an organization name; set organization or TF_CLOUD_ORGANIZATION'],
    [{ organization: "acme corp" }, {}, 'Terraform Cloud organization: "acme corp" is not an organization name'],
  ])("GIVEN %j THEN a clear error", (options, env, message) => {
    expect(() => terraformCloudBackend(options, env)).toThrow(message);
  });

  test("GIVEN a prefix that makes a bad workspace name THEN a clear error", () => {
    expect(() => synthApp((app) => new OciStack(app, "platform", { region: TEST_REGION, backend: terraformCloudBackend({ organization: "acme", workspacePrefix: "my app/" }, {}) }))).toThrow(
      'Terraform Cloud workspace: "my app/platform" (prefix + stack id) is not a workspace name',
    );
  });
});

describe("OciStack's default backend", () => {
  test("THEN a local state per stack in the project directory, relative to the stack's folder", () => {
    const out = synthApp((app) => {
      const platform = new OciStack(app, "platform", { region: TEST_REGION });
      const network = new Network(platform, "network", { compartmentId: TEST_COMPARTMENT });
      const apps = new OciStack(app, "apps", { region: TEST_REGION });
      new VirtualNodeCluster(apps, "cluster", { network });
    });
    expect(out.stacks.platform.terraform.backend).toEqual({ local: { path: "../../../terraform.platform.tfstate" } });
    expect(Object.values(out.stacks.apps.data!.terraform_remote_state)).toEqual([
      { backend: "local", config: { path: "../../../terraform.platform.tfstate" }, workspace: "${terraform.workspace}" },
    ]);
  });

  test.each(["us-gov-ashburn-1", "eu-dcc-milan-1", "us-langley-1"])("GIVEN region %s of another realm THEN the provider is set to it", (region) => {
    const out = synthApp((app) => new OciStack(app, "s", { region }));
    expect((out.stacks.s as any).provider.oci[0].region).toBe(region);
  });

  test("GIVEN a malformed region THEN a clear error naming it", () => {
    expect(() => synthApp((app) => new OciStack(app, "s", { region: "eu-frankfurt" }))).toThrow('region: "eu-frankfurt" is not an OCI region identifier');
  });
});

describe("terraformCloudWorkspaces", () => {
  test("GIVEN options THEN the same organization, host and workspace names the backends use, for readers of other workspaces", () => {
    const cloud = terraformCloudWorkspaces({ organization: "acme", workspacePrefix: "prod-", hostname: "tfe.example.com" }, {});
    expect([cloud.organization, cloud.hostname, cloud.workspaceName("oke-platform")]).toEqual(["acme", "tfe.example.com", "prod-oke-platform"]);
    expect(() => cloud.workspaceName("a b")).toThrow('Terraform Cloud workspace: "prod-a b" (prefix + stack id) is not a workspace name');
  });
});
