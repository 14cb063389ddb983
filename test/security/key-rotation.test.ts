/**
 * The DEFAULT-vault rotation schedule, in TypeScript and as Terraform evaluates it: the test runs
 * the real `terraform` (offline, built-in `terraform_data` only) on the schedule the vault
 * synthesizes, moves its recorded epoch back in the state as time would, and reads the plan.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { checkRotationInterval, dueRotations, dueRotationsExpression, rotationKey, rotationSlots } from "../../lib/security/key-rotation";
import { TEST_COMPARTMENT, resourcesOf, synthOci } from "../support/synth";

const DAY = 24 * 3600 * 1000;

describe("dueRotations", () => {
  const epoch = new Date("2026-01-01T00:00:00Z");

  test("GIVEN the schedule's first day THEN nothing is due", () => {
    expect(dueRotations(epoch, 90, epoch)).toEqual([]);
  });

  test("GIVEN time passing THEN one key per elapsed interval, earlier keys kept", () => {
    expect(dueRotations(epoch, 90, new Date(epoch.getTime() + 89 * DAY))).toEqual([]);
    expect(dueRotations(epoch, 90, new Date(epoch.getTime() + 90 * DAY))).toEqual(["0001"]);
    const later = dueRotations(epoch, 90, new Date(epoch.getTime() + 400 * DAY));
    expect(later).toEqual(["0001", "0002", "0003", "0004"]);
    expect(later.slice(0, 1)).toEqual(dueRotations(epoch, 90, new Date(epoch.getTime() + 90 * DAY)));
  });

  test("THEN keys sort in rotation order and the horizon covers 25 years", () => {
    expect(rotationKey(7)).toBe("0007");
    expect(rotationSlots(60)).toBe(153);
    expect(rotationSlots(365)).toBe(25);
  });

  test.each([59, 366, 0, 1.5])("GIVEN an interval of %p days THEN a clear error", (days) => {
    expect(() => checkRotationInterval(days)).toThrow(`keyRotation.intervalDays: ${days} is not allowed; use a whole number of days from 60 to 365`);
  });

  test("THEN the HCL expression names the epoch, the step in hours and the clock", () => {
    expect(dueRotationsExpression("terraform_data.e.input", 90)).toBe(
      'toset([for n in range(1, 103) : format("%04d", n) if timecmp(timeadd(terraform_data.e.input, format("%dh", n * 2160)), plantimestamp()) <= 0])',
    );
  });
});

describe("the synthesized schedule under real Terraform", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "key-rotation-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const { tf } = synthOci((scope) => new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT }));
  const [[epochName, epoch]] = Object.entries(resourcesOf(tf, "terraform_data"));
  const [version] = Object.values(resourcesOf(tf, "oci_kms_key_version"));
  // The key versions stand in as terraform_data with the synthesized for_each and lifecycle.
  fs.writeFileSync(
    path.join(dir, "main.tf.json"),
    JSON.stringify({
      resource: {
        terraform_data: {
          [epochName]: epoch,
          versions: { for_each: version.for_each, input: "${each.key}", lifecycle: version.lifecycle },
        },
      },
    }),
  );
  const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
  const terraform = (...args: string[]) => execFileSync("terraform", args, { cwd: dir, env, encoding: "utf8" });

  /** Applies, then pretends the schedule started `daysAgo` days ago, and returns the next plan's actions. */
  function planWithEpoch(daysAgo: number): { create: string[]; delete: string[] } {
    const state = JSON.parse(terraform("state", "pull"));
    const recorded = state.resources.find((r: any) => r.name === epochName).instances[0].attributes;
    recorded.input = recorded.output = { value: new Date(Date.now() - daysAgo * DAY).toISOString().replace(/\.\d+Z$/, "Z"), type: "string" };
    state.serial += 1;
    fs.writeFileSync(path.join(dir, "moved.tfstate"), JSON.stringify(state));
    terraform("state", "push", "moved.tfstate");
    const actions = { create: [] as string[], delete: [] as string[] };
    for (const line of terraform("plan", "-json", "-input=false").split("\n").filter(Boolean)) {
      const message = JSON.parse(line);
      if (message.type !== "planned_change") continue;
      const { action, resource } = message.change;
      if (action === "create") actions.create.push(resource.addr);
      if (action === "delete" || action === "replace") actions.delete.push(resource.addr);
    }
    return { create: actions.create.sort(), delete: actions.delete.sort() };
  }

  test("GIVEN a new vault THEN no version is due; GIVEN 200 then 400 days THEN versions are only ever added", () => {
    terraform("init", "-input=false", "-backend=false");
    terraform("apply", "-auto-approve", "-input=false");
    expect(terraform("state", "list").trim().split("\n")).toEqual([`terraform_data.${epochName}`]);

    expect(planWithEpoch(200)).toEqual({ create: ['terraform_data.versions["0001"]', 'terraform_data.versions["0002"]'], delete: [] });
    terraform("apply", "-auto-approve", "-input=false");

    expect(planWithEpoch(400)).toEqual({ create: ['terraform_data.versions["0003"]', 'terraform_data.versions["0004"]'], delete: [] });
    terraform("apply", "-auto-approve", "-input=false");
    expect(terraform("state", "list").trim().split("\n").sort()).toEqual([
      `terraform_data.${epochName}`,
      'terraform_data.versions["0001"]',
      'terraform_data.versions["0002"]',
      'terraform_data.versions["0003"]',
      'terraform_data.versions["0004"]',
    ]);
  });

  test("GIVEN a longer interval that would drop versions THEN Terraform refuses the plan instead of destroying them", () => {
    const yearly = synthOci((scope) => new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT, keyRotation: { intervalDays: 365 } }));
    const [yearlyVersion] = Object.values(resourcesOf(yearly.tf, "oci_kms_key_version"));
    const config = JSON.parse(fs.readFileSync(path.join(dir, "main.tf.json"), "utf8"));
    config.resource.terraform_data.versions.for_each = yearlyVersion.for_each;
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
    let failure = "";
    try {
      terraform("plan", "-input=false", "-no-color");
    } catch (err) {
      failure = String((err as { stderr?: string }).stderr);
    }
    expect(failure).toContain("Instance cannot be destroyed");
    expect(failure).toContain('terraform_data.versions["0004"]');
  });
});
