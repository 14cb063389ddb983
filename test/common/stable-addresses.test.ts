/**
 * checkStableAddresses with a rename: a reference-like stack (the Network) under a new construct
 * id loses its golden addresses; renamedFrom on the renamed resources restores them, and the real
 * `terraform validate` (offline, through tfvalidate.sh) accepts the moved blocks.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformResource, TerraformStack } from "../../lib/cdktf";
import { checkStableAddresses, STATEFUL_RESOURCE_TYPES, statefulAddresses } from "../../lib/common/stable-addresses";
import { renamedFrom } from "../../lib/common/renamed-from";
import { Network } from "../../lib/network/network";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { TEST_COMPARTMENT, synthOci, type TfJson } from "../support/synth";

const TFVALIDATE = path.resolve(__dirname, "..", "..", "..", "shared", "tools", "tfshim", "tfvalidate.sh");

/** The stack's resources by their path below `root`, so the same resource is found under a new id. */
function resourcesBelow(root: Construct): Map<string, TerraformResource> {
  const stack = TerraformStack.of(root);
  return new Map(
    root.node
      .findAll()
      .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c))
      .map((r) => [r.node.path.slice(root.node.path.length), r] as const)
      .filter(([, r]) => stack.getLogicalId(r) !== undefined),
  );
}

/** The Network under `id`; `before` maps paths below the old Network to the old addresses, to declare the rename. */
function synthNetwork(id: string, before?: Map<string, string>): { tf: TfJson; json: string; addresses: Map<string, string> } {
  const addresses = new Map<string, string>();
  const { tf, json } = synthOci((scope) => {
    const network = new Network(scope, id, { compartmentId: TEST_COMPARTMENT });
    for (const [below, resource] of resourcesBelow(network)) {
      addresses.set(below, `${resource.terraformResourceType}.${TerraformStack.of(scope).getLogicalId(resource)}`);
      const old = before?.get(below);
      if (old && resource.terraformResourceType in STATEFUL_RESOURCE_TYPES) renamedFrom(resource, old);
    }
  });
  return { tf, json, addresses };
}

function terraformValidate(json: string): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stable-addresses-"));
  try {
    fs.mkdirSync(path.join(dir, "stacks", "renamed"), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", "renamed", "cdk.tf.json"), json);
    try {
      return { ok: true, output: execFileSync(TFVALIDATE, [dir], { encoding: "utf8", stdio: "pipe" }) };
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      if (e.status !== 1) throw new Error(`tfvalidate.sh could not run (exit ${e.status}): ${e.stderr}`);
      return { ok: false, output: `${e.stdout}\n${e.stderr}` };
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("checkStableAddresses", () => {
  const original = synthNetwork("network");
  const golden = statefulAddresses(original.tf);
  const vcn = golden.find((address) => address.startsWith("oci_core_vcn."))!;

  test("GIVEN the same stack THEN nothing missing, nothing added", () => {
    expect(golden.length).toBeGreaterThan(10);
    expect(checkStableAddresses("platform", golden, original.tf)).toEqual({ missing: [], added: [] });
  });

  test("GIVEN the Network renamed without a moved block THEN the check names the stack, the VCN's address and the fixes", () => {
    const renamed = synthNetwork("net");
    const { missing, added } = checkStableAddresses("platform", golden, renamed.tf);
    expect(missing).toHaveLength(golden.length);
    const vcnProblem = missing.find((m) => m.includes(`${vcn} `))!;
    expect(vcnProblem).toMatch(/^stack platform: oci_core_vcn\.network_vcn_[0-9A-F]{8} is gone from the synth and no moved block says where it went/);
    expect(vcnProblem).toContain("restore the construct id/path");
    expect(vcnProblem).toContain(`renamedFrom(resource, "${vcn}")`);
    expect(vcnProblem).toContain("regenerate the golden list with npm run golden");
    expect(added).toHaveLength(golden.length);
    expect(added.every((address) => /\.net_/.test(address))).toBe(true);
  });

  test("GIVEN a moved block to an address the stack does not have THEN still missing, saying so", () => {
    const tf = { ...original.tf, resource: { ...original.tf.resource, oci_core_vcn: {} }, moved: [{ from: vcn, to: "oci_core_vcn.elsewhere" }] };
    expect(checkStableAddresses("platform", golden, tf).missing).toEqual([
      expect.stringMatching(new RegExp(`^stack platform: ${vcn.replace(".", "\\.")} is gone from the synth and its moved block points at oci_core_vcn\\.elsewhere, which the stack does not have`)),
    ]);
  });

  describe("GIVEN the Network renamed WITH renamedFrom on its stateful resources", () => {
    const renamed = synthNetwork("net", new Map([...original.addresses].filter(([, address]) => golden.includes(address))));

    test("THEN the check passes and each golden address has a moved block to its new address", () => {
      expect(checkStableAddresses("platform", golden, renamed.tf).missing).toEqual([]);
      const moved = (renamed.tf as { moved?: { from: string; to: string }[] }).moved ?? [];
      expect(moved).toHaveLength(golden.length);
      expect(moved).toContainEqual({ from: vcn, to: expect.stringMatching(/^oci_core_vcn\.net_vcn_[0-9A-F]{8}$/) });
    });

    test("THEN the real terraform validate accepts the moved blocks", () => {
      const result = terraformValidate(renamed.json);
      expect(result).toEqual({ ok: true, output: expect.any(String) });
    });

    test("AND terraform validate reads moved blocks: a malformed address is rejected", () => {
      const tf = JSON.parse(renamed.json) as TfJson & { moved: { from: string; to: string }[] };
      tf.moved[0] = { ...tf.moved[0], from: "oci_core_vcn" };
      const result = terraformValidate(JSON.stringify(tf));
      expect(result.ok).toBe(false);
      expect(result.output).toContain("Invalid address");
    });
  });
});

describe("GIVEN a deployed SecretsVault renamed under real Terraform", () => {
  // The vault's key-rotation epoch is a terraform_data record (built-in, so Terraform can apply and
  // plan it offline): a rename without renamedFrom replaces it (restarting the rotation schedule);
  // with renamedFrom the plan only moves it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stable-addresses-plan-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
  const terraform = (...args: string[]) => execFileSync("terraform", args, { cwd: dir, env, encoding: "utf8" });

  function vault(id: string, oldAddresses?: Map<string, string>) {
    const addresses = new Map<string, string>();
    const { tf } = synthOci((scope) => {
      const secrets = new SecretsVault(scope, id, { compartmentId: TEST_COMPARTMENT });
      for (const [below, resource] of resourcesBelow(secrets)) {
        addresses.set(below, `${resource.terraformResourceType}.${TerraformStack.of(scope).getLogicalId(resource)}`);
        const old = oldAddresses?.get(below);
        if (old) renamedFrom(resource, old);
      }
    });
    return { tf: tf as TfJson & { moved?: { from: string; to: string }[] }, addresses };
  }

  /** Writes only the stack's terraform_data records (and their moved blocks) and returns the plan's actions. */
  function plan(tf: TfJson & { moved?: { from: string; to: string }[] }): string[] {
    const moved = (tf.moved ?? []).filter((m) => m.to.startsWith("terraform_data."));
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ resource: { terraform_data: tf.resource.terraform_data }, ...(moved.length ? { moved } : {}) }));
    return terraform("plan", "-json", "-input=false")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((message) => message.type === "planned_change")
      .map((message) => `${message.change.action} ${message.change.resource.addr}${message.change.previous_resource ? ` from ${message.change.previous_resource.addr}` : ""}`)
      .sort();
  }

  test("THEN without renamedFrom the record is destroyed and created; with it, only moved", () => {
    const before = vault("vault");
    const [epoch] = Object.keys(before.tf.resource.terraform_data);
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ resource: { terraform_data: before.tf.resource.terraform_data } }));
    terraform("init", "-input=false", "-backend=false");
    terraform("apply", "-auto-approve", "-input=false");

    const renamedOnly = vault("secrets");
    const [newEpoch] = Object.keys(renamedOnly.tf.resource.terraform_data);
    expect(plan(renamedOnly.tf)).toEqual([`create terraform_data.${newEpoch}`, `delete terraform_data.${epoch}`]);

    const declared = vault("secrets", before.addresses);
    expect(plan(declared.tf)).toEqual([`move terraform_data.${newEpoch} from terraform_data.${epoch}`]);
  });
});

