import { planMySqlDatabase } from "../../lib/database/mysql-database-plan";
import { TEST_COMPARTMENT } from "../support/synth";

const context = {
  name: "oke-vn-mysql",
  networkCompartmentId: TEST_COMPARTMENT,
  dbSubnet: { name: "db" as const, subnetId: "ocid1.subnet.oc1..db", isPublic: false },
};

describe("planMySqlDatabase (pure: props → checked plan, no resources)", () => {
  test("GIVEN defaults THEN MySQL.2, HA, 50→200 GB, 7-day backups with PITR, delete-protected, Sunday 02:00", () => {
    expect(planMySqlDatabase({}, context)).toEqual({
      compartmentId: TEST_COMPARTMENT,
      adminUsername: "dbadmin",
      shape: "MySQL.2",
      hostnameLabel: "oke-vn-mysql",
      mysqlVersion: undefined,
      isHighlyAvailable: true,
      storage: { initialGb: 50, autoExpand: true, maxGb: 200 },
      backups: { isEnabled: true, retentionDays: 7, windowStartTime: "00:00", pitr: true },
      deletion: { deleteProtected: true, finalBackup: true, retainAutomaticBackups: true },
      maintenanceWindowStart: "sun 02:00",
      heatWave: undefined,
      mysqlXProtocol: false,
      createServicePolicies: true,
      createKeyPolicy: true,
      warnings: [],
    });
  });

  test("GIVEN a name with other characters THEN the hostname label is derived from it", () => {
    expect(planMySqlDatabase({}, { ...context, name: "Prod_Shop DB" }).hostnameLabel).toBe("prod-shop-db");
  });

  test("GIVEN backups off THEN no PITR and a warning", () => {
    const plan = planMySqlDatabase({ backups: { enabled: false } }, context);
    expect(plan.backups).toMatchObject({ isEnabled: false, pitr: false });
    expect(plan.warnings).toEqual([expect.stringContaining("backups.enabled is false")]);
  });

  test("GIVEN HeatWave with defaults THEN one HeatWave.512GB node", () => {
    expect(planMySqlDatabase({ heatWave: {} }, context).heatWave).toEqual({ shape: "HeatWave.512GB", nodeCount: 1 });
  });

  test.each([
    [{}, { dbSubnet: { ...context.dbSubnet, isPublic: true } }, "the network's db subnet (ocid1.subnet.oc1..db) is public"],
    [{ mysqlVersion: "8.0.23" }, {}, 'mysqlVersion "8.0.23" cannot be highly available; MySQL HeatWave needs 8.0.24 or later'],
    [{ adminPasswordRules: { length: 8, minLower: 3, minUpper: 3, minNumeric: 3 } }, {}, "password rules cannot be met"],
    [{ heatWave: { nodeCount: 65 } }, {}, "heatWave.nodeCount 65 is not allowed; use 1–64"],
    [{ compartmentId: "not-an-ocid" }, {}, "compartmentId"],
  ])("GIVEN %j THEN the plan refuses it, naming the value", (props, ctx, message) => {
    expect(() => planMySqlDatabase(props, { ...context, ...ctx })).toThrow(message);
  });

  test("GIVEN an old version without HA THEN accepted", () => {
    expect(planMySqlDatabase({ mysqlVersion: "8.0.23", isHighlyAvailable: false }, context).mysqlVersion).toBe("8.0.23");
  });
});
