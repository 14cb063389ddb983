import { Construct } from "constructs";
import { Fn, TerraformOutput } from "../../lib/cdktf";
import { MySqlDatabase, MySqlDatabaseProps } from "../../lib/database/mysql-database";
import { INetwork, Network, NetworkProps } from "../../lib/network/network";
import { ISecretsVault, SecretsVault } from "../../lib/security/secrets-vault";
import { Tags } from "../../lib/common/tags";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { EXISTING_NSG_IDS, TEST_COMPARTMENT, TEST_REGION, TfJson, refName, resourcesOf, synthOci } from "../support/synth";

interface Built {
  network: INetwork;
  vault: ISecretsVault;
  db: MySqlDatabase;
  scope: Construct;
}

function synthDb(
  props: Partial<MySqlDatabaseProps> = {},
  options: { network?: Partial<NetworkProps>; after?: (built: Built) => void } = {},
) {
  let built!: Built;
  const out = synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT, ...options.network });
    const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
    const db = new MySqlDatabase(scope, "mysql", { network, vault, ...props });
    built = { network, vault, db, scope };
    options.after?.(built);
  });
  return { ...out, ...built };
}

function dbSystemOf(tf: TfJson): [string, any] {
  const systems = Object.entries(resourcesOf(tf, "oci_mysql_mysql_db_system"));
  expect(systems).toHaveLength(1);
  return systems[0];
}

function logicalName(tf: TfJson, type: string, match: (r: any) => boolean): string {
  const found = Object.entries(resourcesOf(tf, type)).filter(([, r]) => match(r));
  expect(found).toHaveLength(1);
  return found[0][0];
}

/** Rules of the NSG named `name`, as "INGRESS tcp 3306 from <nsg logical name>". */
function rulesOf(tf: TfJson, nsgName: string): string[] {
  return Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"))
    .filter((r) => r.network_security_group_id === `\${oci_core_network_security_group.${nsgName}.id}`)
    .map((r) => {
      const range = r.tcp_options?.destination_port_range;
      const protocol = { "6": "tcp", "17": "udp", "1": "icmp", all: "all" }[r.protocol as string];
      const peer = r.direction === "INGRESS" ? `from ${r.source}` : `to ${r.destination}`;
      return `${r.direction} ${protocol}${range ? ` ${range.min}-${range.max}` : ""} ${peer}`;
    })
    .sort();
}

function warningsOf(construct: Construct): string[] {
  return construct.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);
}

describe("MySqlDatabase with defaults", () => {
  const { tf, json, db } = synthDb({}, {
    after: ({ db: d, scope }) => {
      new TerraformOutput(scope, "host", { value: d.endpointHost });
      new TerraformOutput(scope, "ip", { value: d.endpointIp });
    },
  });
  const [dbName, dbSystem] = dbSystemOf(tf);
  const dbSubnet = logicalName(tf, "oci_core_subnet", (s) => s.display_name === "oke-vn-db-subnet");
  const dbNsg = logicalName(tf, "oci_core_network_security_group", (n) => n.display_name === "oke-vn-db-nsg");
  const podsNsg = logicalName(tf, "oci_core_network_security_group", (n) => n.display_name === "oke-vn-pods-nsg");
  const [keyName] = Object.keys(resourcesOf(tf, "oci_kms_key"));

  test("THEN the DB system is in the private DB subnet with only the DB NSG", () => {
    expect(dbSystem.subnet_id).toBe(`\${oci_core_subnet.${dbSubnet}.id}`);
    expect(dbSystem.nsg_ids).toEqual([`\${oci_core_network_security_group.${dbNsg}.id}`]);
    const subnet = resourcesOf(tf, "oci_core_subnet")[dbSubnet];
    expect(subnet).toMatchObject({ prohibit_public_ip_on_vnic: true, prohibit_internet_ingress: true });
    expect(dbSystem).not.toHaveProperty("ip_address");
  });

  test("THEN the DB NSG lets in only TCP 3306 from the pod NSG", () => {
    expect(rulesOf(tf, dbNsg)).toEqual([`INGRESS tcp 3306-3306 from \${oci_core_network_security_group.${podsNsg}.id}`]);
    expect(rulesOf(tf, podsNsg)).toContain(`EGRESS tcp 3306-3306 to \${oci_core_network_security_group.${dbNsg}.id}`);
  });

  test("THEN the admin password is a reference to the generated password, and no value is in the JSON", () => {
    const passwordName = refName(dbSystem.admin_password);
    expect(dbSystem.admin_password).toBe(`\${random_password.${passwordName}.result}`);
    expect(resourcesOf(tf, "random_password")[passwordName]).toMatchObject({ length: 24, special: true });
    expect(json).not.toMatch(/"result"\s*:/);
    expect(json).not.toMatch(/"admin_password"\s*:\s*"[^$]/);
    expect(dbSystem.admin_username).toBe("dbadmin");
  });

  test("THEN the password lives in a Vault secret encrypted with the vault key, exposed by name and OCID", () => {
    const secrets = Object.entries(resourcesOf(tf, "oci_vault_secret"));
    expect(secrets).toHaveLength(1);
    const [secretName, secret] = secrets[0];
    expect(secret).toMatchObject({
      secret_name: "oke-vn-mysql-admin-password",
      key_id: `\${oci_kms_key.${keyName}.id}`,
      secret_content: { content_type: "BASE64", content: `\${base64encode(${dbSystem.admin_password.slice(2, -1)})}` },
    });
    expect(db.passwordSecret.secretName).toBe("oke-vn-mysql-admin-password");
    expect(db.passwordSecret.secretId).toMatch(/^\$\{TfToken/);
    expect(secretName).toContain("mysql-admin-password");
  });

  test("THEN deletion protection, a final backup and retained backups are on", () => {
    expect(dbSystem.deletion_policy).toEqual([
      { is_delete_protected: true, final_backup: "REQUIRE_FINAL_BACKUP", automatic_backup_retention: "RETAIN" },
    ]);
  });

  test("THEN backups run daily with point-in-time recovery, kept 7 days", () => {
    expect(dbSystem.backup_policy).toEqual({
      is_enabled: true,
      retention_in_days: 7,
      window_start_time: "00:00",
      pitr_policy: { is_enabled: true },
    });
  });

  test("THEN the data is encrypted with the vault key, exactly as the schema's encrypt_data block", () => {
    expect(dbSystem.encrypt_data).toEqual({ key_generation_type: "BYOK", key_id: `\${oci_kms_key.${keyName}.id}` });
  });

  test("THEN the safe defaults: MySQL.2, HA, 50 GB auto-expanding to 200 GB, crash recovery, Sunday maintenance", () => {
    expect(dbSystem).toMatchObject({
      shape_name: "MySQL.2",
      is_highly_available: true,
      data_storage_size_in_gb: 50,
      data_storage: { is_auto_expand_storage_enabled: true, max_storage_size_in_gbs: 200 },
      crash_recovery: "ENABLED",
      maintenance: { window_start_time: "sun 02:00" },
      port: 3306,
      port_x: 33060,
      display_name: "oke-vn-mysql",
      hostname_label: "oke-vn-mysql",
      compartment_id: TEST_COMPARTMENT,
    });
    expect(dbSystem).not.toHaveProperty("mysql_version");
  });

  test("THEN a regenerated password or grown storage never replaces or shrinks the DB system", () => {
    expect(dbSystem.lifecycle).toEqual({ ignore_changes: ["admin_password", "data_storage_size_in_gb"] });
  });

  test("THEN the availability domain is the region's first", () => {
    const [adName, ads] = Object.entries(tf.data!.oci_identity_availability_domains)[0];
    expect(ads.compartment_id).toBe(TEST_COMPARTMENT);
    expect(dbSystem.availability_domain).toBe(`\${data.oci_identity_availability_domains.${adName}.availability_domains[0].name}`);
  });

  test("THEN the endpoint host is its DNS name, falling back to its IP, on port 3306", () => {
    expect(tf.output!.host.value).toBe(
      `\${coalesce(oci_mysql_mysql_db_system.${dbName}.endpoints[0].hostname, oci_mysql_mysql_db_system.${dbName}.ip_address)}`,
    );
    expect(tf.output!.ip.value).toBe(`\${oci_mysql_mysql_db_system.${dbName}.ip_address}`);
    expect(db.port).toBe(3306);
    expect(db.xPort).toBeUndefined();
    expect(db.adminUsername).toBe("dbadmin");
    expect(db.compartmentId).toBe(TEST_COMPARTMENT);
  });

  test("THEN no HeatWave cluster", () => {
    expect(resourcesOf(tf, "oci_mysql_heat_wave_cluster")).toEqual({});
  });
});

describe("MySqlDatabase options", () => {
  test("GIVEN the X protocol THEN 33060 opens from pods too, and nothing else", () => {
    const { tf, db } = synthDb({ mysqlXProtocol: true });
    const dbNsg = logicalName(tf, "oci_core_network_security_group", (n) => n.display_name === "oke-vn-db-nsg");
    const podsNsg = logicalName(tf, "oci_core_network_security_group", (n) => n.display_name === "oke-vn-pods-nsg");
    const pods = `\${oci_core_network_security_group.${podsNsg}.id}`;
    expect(rulesOf(tf, dbNsg)).toEqual([`INGRESS tcp 3306-3306 from ${pods}`, `INGRESS tcp 33060-33060 from ${pods}`]);
    expect(db.xPort).toBe(33060);
  });

  test("GIVEN a network that already opens the X protocol THEN the rule is not duplicated", () => {
    const { tf } = synthDb({ mysqlXProtocol: true }, { network: { mysqlXProtocol: true } });
    const x = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).filter(
      (r) => r.description === "Pods reach MySQL X protocol on 33060",
    );
    expect(x).toHaveLength(2);
  });

  test("GIVEN explicit settings THEN each reaches the DB system", () => {
    const { tf, db } = synthDb({
      name: "Shop DB",
      adminUsername: "shop_admin",
      availabilityDomain: "Uocm:EU-FRANKFURT-1-AD-2",
      shape: "MySQL.8",
      storage: { initialGb: 100, maxGb: 100 },
      mysqlVersion: "8.4.4",
      isHighlyAvailable: false,
      backups: { retentionDays: 35, windowStartTime: "23:30", pointInTimeRecovery: false },
      deletion: { deleteProtected: false, finalBackup: false, retainAutomaticBackups: false },
      maintenanceWindowStart: "WED 04:15",
    });
    const [, dbSystem] = dbSystemOf(tf);
    expect(dbSystem).toMatchObject({
      display_name: "Shop DB",
      hostname_label: "shop-db",
      admin_username: "shop_admin",
      availability_domain: "Uocm:EU-FRANKFURT-1-AD-2",
      shape_name: "MySQL.8",
      data_storage_size_in_gb: 100,
      data_storage: { is_auto_expand_storage_enabled: true, max_storage_size_in_gbs: 100 },
      mysql_version: "8.4.4",
      is_highly_available: false,
      backup_policy: { is_enabled: true, retention_in_days: 35, window_start_time: "23:30", pitr_policy: { is_enabled: false } },
      deletion_policy: [{ is_delete_protected: false, final_backup: "SKIP_FINAL_BACKUP", automatic_backup_retention: "DELETE" }],
      maintenance: { window_start_time: "wed 04:15" },
    });
    expect(tf.data?.oci_identity_availability_domains).toBeUndefined();
    expect(Object.values(resourcesOf(tf, "oci_vault_secret"))[0].secret_name).toBe("Shop-DB-admin-password");
    expect(db.adminUsername).toBe("shop_admin");
  });

  test("GIVEN Tags.of(database) THEN the DB system and its service policies carry the tag, the network and the vault's admin secret do not", () => {
    const { tf } = synthDb({}, { after: ({ db }) => Tags.of(db).add("app", "shop") });
    expect(dbSystemOf(tf)[1].freeform_tags).toEqual({ app: "shop" });
    const policies = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) expect(policy.freeform_tags).toEqual({ app: "shop" });
    // The admin password secret is made under the vault (addSecret's default scope): Tags.of(vault) tags it.
    const secrets = Object.values(resourcesOf(tf, "oci_vault_secret"));
    expect(secrets).toHaveLength(1);
    expect(secrets[0].freeform_tags).toBeUndefined();
    expect(Object.values(resourcesOf(tf, "oci_core_vcn"))[0].freeform_tags).toBeUndefined();
  });

  test("GIVEN auto-expand off THEN no maximum and storage changes are not ignored", () => {
    const { tf } = synthDb({ storage: { autoExpand: false } });
    const [, dbSystem] = dbSystemOf(tf);
    expect(dbSystem.data_storage).toEqual({ is_auto_expand_storage_enabled: false });
    expect(dbSystem.lifecycle).toEqual({ ignore_changes: ["admin_password"] });
  });

  test("GIVEN backups off THEN no point-in-time recovery and a synth warning", () => {
    const { tf, db } = synthDb({ backups: { enabled: false } });
    const [, dbSystem] = dbSystemOf(tf);
    expect(dbSystem.backup_policy).toMatchObject({ is_enabled: false, pitr_policy: { is_enabled: false } });
    expect(warningsOf(db)).toEqual([expect.stringContaining("backups.enabled is false")]);
  });

  test("GIVEN a HeatWave cluster THEN it is attached to the DB system", () => {
    const { tf, db } = synthDb({ heatWave: { nodeCount: 2, shape: "HeatWave.32GB" } });
    const [dbName] = dbSystemOf(tf);
    expect(Object.values(resourcesOf(tf, "oci_mysql_heat_wave_cluster"))).toEqual([
      expect.objectContaining({ db_system_id: `\${oci_mysql_mysql_db_system.${dbName}.id}`, cluster_size: 2, shape_name: "HeatWave.32GB" }),
    ]);
    expect(db.heatWaveCluster).toBeDefined();
  });

  test("GIVEN a HeatWave cluster with defaults THEN one HeatWave.512GB node", () => {
    const { tf } = synthDb({ heatWave: {} });
    expect(Object.values(resourcesOf(tf, "oci_mysql_heat_wave_cluster"))).toEqual([
      expect.objectContaining({ cluster_size: 1, shape_name: "HeatWave.512GB" }),
    ]);
  });

  test("GIVEN password rules THEN the generated admin password follows them", () => {
    const { tf } = synthDb({ adminPasswordRules: { length: 32, minSpecial: 3, specialCharacters: "-_" } });
    const [password] = Object.values(resourcesOf(tf, "random_password"));
    expect(password).toMatchObject({ length: 32, min_special: 3, override_special: "-_" });
  });

  test("GIVEN a secret made by the user THEN the DB uses it and makes none", () => {
    let own!: MySqlDatabase;
    const out = synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
      // Content read from a file at plan time: a reference, never a literal in the JSON.
      const secret = vault.addSecret("my-admin", { content: Fn.sensitive(Fn.file("admin-password.txt")) });
      own = new MySqlDatabase(scope, "mysql", { network, vault, adminPasswordSecret: secret });
    });
    const [, dbSystem] = dbSystemOf(out.tf);
    expect(dbSystem.admin_password).toBe('${sensitive(file("admin-password.txt"))}');
    expect(Object.values(resourcesOf(out.tf, "oci_vault_secret")).map((s) => s.secret_name)).toEqual(["my-admin"]);
    expect(own.passwordSecret.secretName).toBe("my-admin");
  });

  test("GIVEN grantPasswordRead THEN the principal may read the admin password secret", () => {
    const { tf } = synthDb({}, {
      after: ({ db, scope }) => {
        const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: "ocid1.cluster.oc1..c", compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
        db.grantPasswordRead(cluster.workloadIdentity("shop", "shop-db"));
      },
    });
    const [secretName] = Object.keys(resourcesOf(tf, "oci_vault_secret"));
    const policy = Object.values(resourcesOf(tf, "oci_identity_policy")).find((p) => p.statements[0].includes("'workload'"));
    expect(policy.name).toMatch(/^oke-vn-cluster-shop-shop-db-read-oke-vn-mysql-admin-password-/);
    expect(policy.statements[0]).toContain(`target.secret.id = '\${oci_vault_secret.${secretName}.id}'`);
  });
});

describe("MySqlDatabase with existing network and vault", () => {
  const nsgIds = EXISTING_NSG_IDS;
  const subnets = {
    api: { subnetId: "ocid1.subnet.oc1..api" },
    nodes: { subnetId: "ocid1.subnet.oc1..nodes" },
    lb: { subnetId: "ocid1.subnet.oc1..lb", public: true },
    db: { subnetId: "ocid1.subnet.oc1..db" },
  };

  test("GIVEN an imported network THEN the DB uses its subnet and NSG and the pod → DB rules are created", () => {
    let db!: MySqlDatabase;
    const { tf } = synthOci((scope) => {
      const network = Network.fromExisting(scope, "network", { compartmentId: TEST_COMPARTMENT, vcnId: "ocid1.vcn.oc1..v", subnets, nsgIds });
      const vault = SecretsVault.fromExisting(scope, "vault", {
        compartmentId: TEST_COMPARTMENT,
        vaultId: "ocid1.vault.oc1..v",
        keyId: "ocid1.key.oc1..k",
      });
      db = new MySqlDatabase(scope, "mysql", { network, vault });
    });
    const [, dbSystem] = dbSystemOf(tf);
    expect(dbSystem).toMatchObject({
      subnet_id: "ocid1.subnet.oc1..db",
      nsg_ids: [nsgIds.db],
      encrypt_data: { key_generation_type: "BYOK", key_id: "ocid1.key.oc1..k" },
    });
    const rules = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).map((r) => [
      r.network_security_group_id,
      r.direction,
      r.source ?? r.destination,
      r.tcp_options.destination_port_range,
    ]);
    expect(rules).toHaveLength(2);
    expect(rules).toEqual(
      expect.arrayContaining([
        [nsgIds.pods, "EGRESS", nsgIds.db, { min: 3306, max: 3306 }],
        [nsgIds.db, "INGRESS", nsgIds.pods, { min: 3306, max: 3306 }],
      ]),
    );
    expect(db.securityGroup.nsgId).toBe(nsgIds.db);
    expect(Object.values(resourcesOf(tf, "oci_vault_secret"))[0]).toMatchObject({ vault_id: "ocid1.vault.oc1..v", key_id: "ocid1.key.oc1..k" });
  });

  test("GIVEN an imported network whose DB subnet is public THEN the network refuses it", () => {
    expect(() =>
      synthOci((scope) =>
        Network.fromExisting(scope, "network", {
          compartmentId: TEST_COMPARTMENT,
          vcnId: "ocid1.vcn.oc1..v",
          subnets: { ...subnets, db: { subnetId: "ocid1.subnet.oc1..db", public: true } },
          nsgIds,
        }),
      ),
    ).toThrow("is marked public: the database need a private subnet");
  });

  test("GIVEN a network whose db subnet reports public THEN the database refuses it", () => {
    const network = {
      compartmentId: TEST_COMPARTMENT,
      subnet: () => ({ name: "db", subnetId: "ocid1.subnet.oc1..public", isPublic: true }),
    } as unknown as INetwork;
    expect(() =>
      synthOci((scope) => {
        const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
        new MySqlDatabase(scope, "mysql", { network, vault });
      }),
    ).toThrow("the network's db subnet (ocid1.subnet.oc1..public) is public; the database must be in a private subnet");
  });

  test("GIVEN an imported network without a DB subnet THEN a clear error", () => {
    const { db: _db, ...noDb } = subnets;
    expect(() =>
      synthOci((scope) => {
        const network = Network.fromExisting(scope, "network", { compartmentId: TEST_COMPARTMENT, vcnId: "ocid1.vcn.oc1..v", subnets: noDb, nsgIds });
        const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
        new MySqlDatabase(scope, "mysql", { network, vault });
      }),
    ).toThrow("this network has no db subnet");
  });
});

describe("MySqlDatabase bad input", () => {
  test.each([
    ["storage below 50 GB", { storage: { initialGb: 49 } }, "storage.initialGb 49 is too small; MySQL HeatWave needs at least 50 GB"],
    ["a maximum below the initial size", { storage: { initialGb: 100, maxGb: 80 } }, "storage.maxGb 80 is below storage.initialGb 100"],
    ["retention of 0 days", { backups: { retentionDays: 0 } }, "backups.retentionDays 0 is not allowed; MySQL HeatWave keeps automatic backups 1–35 days"],
    ["retention of 36 days", { backups: { retentionDays: 36 } }, "backups.retentionDays 36 is not allowed"],
    ["PITR without backups", { backups: { enabled: false, pointInTimeRecovery: true } }, "backups.pointInTimeRecovery needs automatic backups"],
    ["a backup window of 24:00", { backups: { windowStartTime: "24:00" } }, 'backups.windowStartTime "24:00" is not a time of day "HH:MM"'],
    ["admin user root", { adminUsername: "root" }, 'adminUsername "root" is reserved by MySQL HeatWave'],
    ["admin user ROOT", { adminUsername: "ROOT" }, 'adminUsername "ROOT" is reserved by MySQL HeatWave'],
    ["admin user mysql.sys", { adminUsername: "mysql.sys" }, 'adminUsername "mysql.sys" is reserved'],
    ["admin user ociadmin", { adminUsername: "ociadmin" }, 'adminUsername "ociadmin" is reserved'],
    ["admin user with a dash", { adminUsername: "db-admin" }, 'adminUsername "db-admin" is not valid; use 1–32 letters, digits and \'_\', starting with a letter'],
    ["a 33-character admin user", { adminUsername: "a".repeat(33) }, `adminUsername "${"a".repeat(33)}" is not valid`],
    ["an empty admin user", { adminUsername: "" }, 'adminUsername "" is not valid'],
    ["shape mysql-2", { shape: "mysql-2" }, 'shape "mysql-2" is not a MySQL HeatWave shape name; use an ECPU shape such as MySQL.2'],
    ["shape VM.Standard.E4.Flex", { shape: "VM.Standard.E4.Flex" }, 'shape "VM.Standard.E4.Flex" is not a MySQL HeatWave shape name'],
    ["impossible password rules", { adminPasswordRules: { length: 8, minLower: 3, minUpper: 3, minNumeric: 3 } }, "password rules cannot be met"],
    ["a maintenance window without a day", { maintenanceWindowStart: "02:00" }, 'maintenanceWindowStart "02:00" is not "<day> HH:MM"'],
    ["a maintenance day of sunday", { maintenanceWindowStart: "sunday 02:00" }, 'maintenanceWindowStart "sunday 02:00"'],
    ["mysqlVersion latest", { mysqlVersion: "latest" }, 'mysqlVersion "latest" is not a MySQL version'],
    ["a hostname label with a dot", { hostnameLabel: "db.shop" }, 'hostnameLabel "db.shop" is not valid'],
    ["0 HeatWave nodes", { heatWave: { nodeCount: 0 } }, "heatWave.nodeCount 0 is not allowed; use 1–64"],
    ["HeatWave shape MySQL.2", { heatWave: { shape: "MySQL.2" } }, 'heatWave.shape "MySQL.2" is not a HeatWave shape name'],
  ])("GIVEN %s THEN a clear error naming the value, after the database's construct path", (_label, props, message) => {
    expect(() => synthDb(props as Partial<MySqlDatabaseProps>)).toThrow(`stack/mysql: ${message}`);
  });

  test.each(["MySQL.2", "MySQL.64", "MySQL.Free", "MySQL.HeatWave.VM.Standard", "MySQL.VM.Standard.E4.1.8GB", "MySQL.VM.Standard.E3.4.64GB"])(
    "GIVEN shape %s THEN it is accepted",
    (shape) => {
      const [, dbSystem] = dbSystemOf(synthDb({ shape, isHighlyAvailable: false }).tf);
      expect(dbSystem.shape_name).toBe(shape);
    },
  );

  test("GIVEN a secret holding a literal password THEN the database refuses it", () => {
    expect(() =>
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
        const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
        const secret = vault.addSecret("literal", { content: "Sup3r-Secret" });
        new MySqlDatabase(scope, "mysql", { network, vault, adminPasswordSecret: secret });
      }),
    ).toThrow('stack/mysql: adminPasswordSecret "literal" holds a literal password');
  });

  test("GIVEN a secret and password rules THEN a clear error", () => {
    expect(() =>
      synthDb({
        adminPasswordSecret: { secretId: "s", secretName: "mine", vaultId: "v", compartmentId: TEST_COMPARTMENT, value: Fn.file("p.txt") },
        adminPasswordRules: { length: 16 },
      }),
    ).toThrow('stack/mysql: adminPasswordRules apply to a generated password only; adminPasswordSecret "mine" is given');
  });

  test("GIVEN a secret handle without a value THEN the database refuses it", () => {
    expect(() =>
      synthDb({
        adminPasswordSecret: { secretId: "ocid1.vaultsecret.oc1..s", secretName: "elsewhere", vaultId: "ocid1.vault.oc1..v", compartmentId: TEST_COMPARTMENT },
      }),
    ).toThrow('stack/mysql: adminPasswordSecret "elsewhere" carries no value');
  });
});

describe("Network + SecretsVault + MySqlDatabase", () => {
  test("THEN the stack passes the schema gate and matches the snapshot", () => {
    const { json } = synthDb();
    expect(json).toMatchSnapshot();
  });
});

describe("MySqlDatabase service policies (Oracle's mandatory policies for DB systems in NSGs, and BYOK)", () => {
  test("GIVEN one compartment THEN one policy with exactly the three mysqldbsystem statements, and the DB system depends on it", () => {
    const { tf } = synthDb();
    const [[policyName, policy]] = Object.entries(resourcesOf(tf, "oci_identity_policy"));
    const c = TEST_COMPARTMENT;
    expect(policy.compartment_id).toBe(c);
    expect(policy.name).toMatch(/^oke-vn-mysql-mysql-service-[0-9a-z]{1,6}$/);
    expect(policy.statements).toEqual([
      `Allow any-user to {NETWORK_SECURITY_GROUP_UPDATE_MEMBERS} in compartment id ${c} where all {request.principal.type='mysqldbsystem', request.resource.compartment.id='${c}'}`,
      `Allow any-user to {VNIC_CREATE, VNIC_UPDATE, VNIC_ASSOCIATE_NETWORK_SECURITY_GROUP, VNIC_DISASSOCIATE_NETWORK_SECURITY_GROUP} in compartment id ${c} where all {request.principal.type='mysqldbsystem', request.resource.compartment.id='${c}'}`,
      `Allow any-user to use key-delegate in compartment id ${c} where all {request.principal.type='mysqldbsystem', request.resource.compartment.id='${c}'}`,
    ]);
    expect(dbSystemOf(tf)[1].depends_on).toEqual([`oci_identity_policy.${policyName}`]);
  });

  test("GIVEN network, vault and database in three compartments THEN a network policy and a key policy, each naming the DB compartment", () => {
    const [net, sec, data] = ["ocid1.compartment.oc1..aaaaaaaanet", "ocid1.compartment.oc1..aaaaaaaasec", "ocid1.compartment.oc1..aaaaaaaadata"];
    const { tf } = synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: net });
      const vault = new SecretsVault(scope, "vault", { compartmentId: sec });
      new MySqlDatabase(scope, "mysql", { network, vault, compartmentId: data });
    });
    const policies = Object.values(resourcesOf(tf, "oci_identity_policy")).sort((a, b) => b.name.localeCompare(a.name));
    expect(policies.map((p) => [p.compartment_id, p.statements.length, p.name.replace(/-[0-9a-z]+$/, "")])).toEqual([
      [net, 2, "oke-vn-mysql-mysql-network"],
      [sec, 1, "oke-vn-mysql-mysql-key"],
    ]);
    for (const statement of policies.flatMap((p) => p.statements)) {
      expect(statement).toContain(`where all {request.principal.type='mysqldbsystem', request.resource.compartment.id='${data}'}`);
    }
    expect(policies[1].statements[0]).toBe(
      `Allow any-user to use key-delegate in compartment id ${sec} where all {request.principal.type='mysqldbsystem', request.resource.compartment.id='${data}'}`,
    );
    expect(dbSystemOf(tf)[1].depends_on).toHaveLength(2);
  });

  test("GIVEN createServicePolicies false THEN no policy and no dependency", () => {
    const { tf } = synthDb({ createServicePolicies: false });
    expect(resourcesOf(tf, "oci_identity_policy")).toEqual({});
    expect(dbSystemOf(tf)[1]).not.toHaveProperty("depends_on");
  });

  test("GIVEN two deployments in two compartments THEN their policy names differ", () => {
    const name = (compartmentId: string) =>
      Object.values(
        resourcesOf(
          synthOci((scope) => {
            const network = new Network(scope, "network", { compartmentId });
            new MySqlDatabase(scope, "mysql", { network, vault: new SecretsVault(scope, "vault", { compartmentId }) });
          }).tf,
          "oci_identity_policy",
        ),
      )[0].name;
    expect(name("ocid1.compartment.oc1..aaaaaaaaprod")).not.toBe(name("ocid1.compartment.oc1..aaaaaaaastaging"));
  });
});

describe("MySqlDatabase combinations OCI refuses or allows", () => {
  test.each(["8.0.23", "5.7.44", "8.0.9"])("GIVEN high availability on MySQL %s THEN synth fails: HA needs 8.0.24 or later", (mysqlVersion) => {
    expect(() => synthDb({ mysqlVersion })).toThrow(`mysqlVersion "${mysqlVersion}" cannot be highly available; MySQL HeatWave needs 8.0.24 or later for high availability`);
  });

  test.each(["8.0.24", "8.0.41", "8.4.4", "9.1.0"])("GIVEN high availability on MySQL %s THEN it is accepted", (mysqlVersion) => {
    expect(() => synthDb({ mysqlVersion })).not.toThrow();
  });

  test("GIVEN MySQL 8.0.23 without high availability THEN it is accepted", () => {
    expect(() => synthDb({ mysqlVersion: "8.0.23", isHighlyAvailable: false })).not.toThrow();
  });

  test("GIVEN a HeatWave cluster on a highly available DB system THEN it is accepted (supported on OCI)", () => {
    const { tf } = synthDb({ heatWave: { nodeCount: 2 } });
    expect(dbSystemOf(tf)[1].is_highly_available).toBe(true);
    expect(Object.values(resourcesOf(tf, "oci_mysql_heat_wave_cluster"))).toHaveLength(1);
  });

  test("GIVEN createKeyPolicy false THEN the network statements only", () => {
    const { tf } = synthDb({ createKeyPolicy: false });
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policy.statements).toHaveLength(2);
    expect(policy.statements.join("\n")).not.toContain("key-delegate");
  });
});
