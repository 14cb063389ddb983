import { Construct, IConstruct } from "constructs";
import { Password } from "@cdktf/provider-random/lib/password";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { KmsKey } from "../../.gen/providers/oci/kms-key";
import { KmsVault } from "../../.gen/providers/oci/kms-vault";
import { VaultSecret as OciVaultSecret } from "../../.gen/providers/oci/vault-secret";
import { Annotations, Fn, TerraformStack, Token } from "../cdktf";
import { IamPolicy, fitPolicyName } from "./iam-policy";
import { secretReadStatements } from "./iam-statements";
import { MySqlPasswordRules, mysqlPasswordSettings } from "./mysql-password-policy";
import { IWorkloadIdentity, grantToWorkload } from "./workload-identity";

export type VaultType = "DEFAULT" | "VIRTUAL_PRIVATE";
const VAULT_TYPES: readonly VaultType[] = ["DEFAULT", "VIRTUAL_PRIVATE"];

/** OCI accepts automatic key rotation every 60 to 365 days; CIS OCI 4.16 asks for ≤ 365. */
export const MIN_KEY_ROTATION_DAYS = 60;
export const MAX_KEY_ROTATION_DAYS = 365;
export const DEFAULT_KEY_ROTATION_DAYS = 90;

/**
 * Secret names this library accepts: 1–255 letters, digits, '-', '_' and '.'. OCI allows a
 * little more; this subset is also a valid External Secrets `remoteRef.key` and policy-name part.
 */
const SECRET_NAME = /^[A-Za-z0-9._-]{1,255}$/;

/** A Vault secret as other constructs see it. */
export interface IVaultSecret {
  /** The secret's OCID (a Terraform reference when created here). */
  readonly secretId: string;
  /** The secret's name in its vault (what External Secrets' `remoteRef.key` names). */
  readonly secretName: string;
  /** The OCID of the vault holding the secret. */
  readonly vaultId: string;
  /** The compartment of the vault and the secret. */
  readonly compartmentId: string;
  /**
   * The secret's plain value as a Terraform expression, for wiring into resources that need it
   * (a database's `admin_password`): the `random_password` result for generated passwords, the
   * given content otherwise. Never print or output it.
   * @default undefined for secrets made elsewhere
   */
  readonly value?: string;
}

export interface SecretOptions {
  /**
   * The secret's name, unique in the vault: 1–255 letters, digits, '-', '_' and '.'. A deleted
   * secret's name stays taken while its deletion is pending (1–30 days).
   * @default the construct id
   */
  readonly secretName?: string;
  /**
   * What the secret is for, shown in the console.
   * @default "Managed by oke-virtual-nodes"
   */
  readonly description?: string;
  /**
   * The secret's content, in plain text (it is base64-encoded for the Vault). It is stored in
   * the Terraform state and plan, and a literal string also in the synthesized JSON: pass a
   * sensitive Terraform variable or another resource's attribute, or let a password be
   * generated instead. Not together with `password`.
   * @default a generated password (see `password`)
   */
  readonly content?: string;
  /**
   * Rules of the generated password (a sensitive `random_password`; its value lives in the
   * Terraform state, never in the synthesized JSON). The rules apply when the password is first
   * generated; changing them later does not regenerate it. Not together with `content`.
   * @default 24 characters fit for a MySQL HeatWave admin password (see `mysqlPasswordSettings`)
   */
  readonly password?: MySqlPasswordRules;
  /**
   * Free-form tags.
   * @default {}
   */
  readonly freeformTags?: Record<string, string>;
}

/** An OCI Vault with a master encryption key, created here or brought in with `fromExisting`. */
export interface ISecretsVault extends IConstruct {
  readonly vaultId: string;
  /** The master encryption key's OCID; secrets and the database are encrypted with it. */
  readonly keyId: string;
  readonly compartmentId: string;
  /** The vault's management endpoint, when known. */
  readonly managementEndpoint?: string;
  /** Creates a secret in this vault, encrypted with its key. */
  addSecret(id: string, options?: SecretOptions): VaultSecret;
  /**
   * Lets one workload-identity principal read one secret's value: `read secret-bundles` on the
   * secret and `read vaults` on its vault (reference §2.3), in a policy in the vault's compartment.
   * Asking again for the same principal and secret returns the same policy.
   */
  grantSecretRead(principal: IWorkloadIdentity, secret: IVaultSecret): IamPolicy;
}

/** A secret created by `addSecret`. */
export class VaultSecret extends Construct implements IVaultSecret {
  public readonly secretId: string;
  public readonly secretName: string;
  public readonly vaultId: string;
  public readonly compartmentId: string;
  public readonly value: string;
  /** True when the content is a generated password. */
  public readonly isGenerated: boolean;
  /** The vault the secret was added to. */
  public readonly vault: ISecretsVault;
  public readonly secret: OciVaultSecret;
  /** The password generator, for generated secrets. */
  public readonly password?: Password;

  /** Use `vault.addSecret(...)`. */
  public constructor(vault: ISecretsVault & Construct, id: string, options: SecretOptions = {}) {
    super(vault, id);
    const secretName = options.secretName ?? id;
    if (!SECRET_NAME.test(secretName)) {
      throw new Error(
        `secret name "${secretName}" is not valid; use 1–255 letters, digits, '-', '_' and '.'`,
      );
    }
    if (options.content !== undefined && options.password !== undefined) {
      throw new Error(`secret "${secretName}": give either content or password rules, not both`);
    }
    if (options.content === "") {
      throw new Error(`secret "${secretName}": content is empty; OCI Vault secrets need content`);
    }
    this.vault = vault;
    this.secretName = secretName;
    this.vaultId = vault.vaultId;
    this.compartmentId = vault.compartmentId;
    this.isGenerated = options.content === undefined;

    if (this.isGenerated) {
      ensureRandomProvider(this);
      this.password = new Password(this, "password", {
        ...mysqlPasswordSettings(options.password),
        // Generated once: changed rules must not silently regenerate a password that a database
        // already uses. Rotate on purpose with `terraform apply -replace=<address>`.
        lifecycle: { ignoreChanges: "all" },
      });
      this.value = this.password.result;
    } else {
      this.value = options.content!;
      Annotations.of(this).addWarning(
        Token.isUnresolved(this.value)
          ? `secret "${secretName}": its given content is stored in the Terraform state and plan; keep the state backend encrypted and access-controlled`
          : `secret "${secretName}": its given content is a literal, written into the synthesized Terraform JSON, the plan and the state; use a generated password or a sensitive variable instead`,
      );
    }

    this.secret = new OciVaultSecret(this, "secret", {
      compartmentId: this.compartmentId,
      vaultId: this.vaultId,
      keyId: vault.keyId,
      secretName,
      description: options.description ?? "Managed by oke-virtual-nodes",
      secretContent: { contentType: "BASE64", content: Fn.base64encode(this.value) },
      freeformTags: options.freeformTags,
    });
    this.secretId = this.secret.id;
  }
}

/** Behaviour shared by created and existing vaults. */
abstract class SecretsVaultBase extends Construct implements ISecretsVault {
  public abstract readonly vaultId: string;
  public abstract readonly keyId: string;
  public abstract readonly compartmentId: string;
  public abstract readonly managementEndpoint?: string;
  private readonly grants = new Map<string, IamPolicy>();

  public addSecret(id: string, options: SecretOptions = {}): VaultSecret {
    if (this.node.tryFindChild(id)) {
      throw new Error(`${this.node.path}: a secret or construct with id "${id}" exists already; pick another id`);
    }
    return new VaultSecret(this, id, options);
  }

  public grantSecretRead(principal: IWorkloadIdentity, secret: IVaultSecret): IamPolicy {
    this.checkOwnSecret(secret);
    const key = [secret.secretId, principal.namespace, principal.serviceAccount, principal.clusterId].join("|");
    const existing = this.grants.get(key);
    if (existing) return existing;

    const secretLabel = Token.isUnresolved(secret.secretName) ? "secret" : secret.secretName;
    const who = `${principal.namespace}-${principal.serviceAccount}`;
    // The same service account of another cluster gets its own policy next to the first one.
    let n = 1;
    while (this.node.tryFindChild(`read-${secretLabel}-${who}${n > 1 ? `-${n}` : ""}`)) n++;
    const suffix = n > 1 ? `-${n}` : "";
    const policy = grantToWorkload(this, `read-${secretLabel}-${who}${suffix}`, {
      principal,
      compartmentId: this.compartmentId,
      policyName: fitPolicyName(`${secretLabel}-read-by-${who}${suffix}`),
      description: `Lets service account ${principal.namespace}/${principal.serviceAccount} read Vault secret ${secretLabel}`,
      statements: secretReadStatements(principal, {
        secretId: secret.secretId,
        vaultId: this.vaultId,
        compartmentId: this.compartmentId,
      }),
    });
    this.grants.set(key, policy);
    return policy;
  }

  private checkOwnSecret(secret: IVaultSecret): void {
    const foreign =
      secret instanceof VaultSecret
        ? secret.vault !== this
        : !Token.isUnresolved(secret.vaultId) && !Token.isUnresolved(this.vaultId) && secret.vaultId !== this.vaultId;
    if (foreign) {
      throw new Error(
        `${this.node.path}: secret "${secret.secretName}" belongs to another vault (${secret.vaultId}); grant it through that vault`,
      );
    }
  }
}

export interface SecretsVaultProps {
  /** Compartment of the vault, its key and its secrets (and of the read policies). */
  readonly compartmentId: string;
  /**
   * Prefix of display names.
   * @default "oke-vn"
   */
  readonly name?: string;
  /**
   * `DEFAULT` (shared HSM partition) or `VIRTUAL_PRIVATE` (dedicated partition, billed per vault).
   * Oracle documents automatic key rotation for virtual private vaults only: with `DEFAULT`
   * the key still asks for it and synth warns (unconfirmed whether OCI refuses it).
   * @default "DEFAULT"
   */
  readonly vaultType?: VaultType;
  /**
   * Days between automatic rotations of the master encryption key, 60–365 (CIS OCI 4.16: at
   * least yearly).
   * @default 90
   */
  readonly keyRotationIntervalDays?: number;
  /**
   * Free-form tags on the vault and the key.
   * @default {}
   */
  readonly freeformTags?: Record<string, string>;
}

export interface ExistingSecretsVaultAttributes {
  /** Compartment of the vault; secrets and read policies are created there. */
  readonly compartmentId: string;
  /** The vault's OCID (`ocid1.vault…`). */
  readonly vaultId: string;
  /** The OCID of the vault's master encryption key (`ocid1.key…`) that secrets are encrypted with. */
  readonly keyId: string;
  /**
   * The vault's management endpoint (`https://…-management.kms.<region>.oraclecloud.com`).
   * @default unknown — nothing here needs it
   */
  readonly managementEndpoint?: string;
}

/**
 * An OCI Vault for the architecture's secrets, with an AES-256 master encryption key kept in the
 * HSM and rotated automatically (CIS OCI 4.16). Secrets added with `addSecret` are encrypted with
 * that key; `grantSecretRead` lets one Kubernetes service account read one secret.
 */
export class SecretsVault extends SecretsVaultBase {
  /** Uses a vault and key made elsewhere; `addSecret` and `grantSecretRead` work on it too. */
  public static fromExisting(scope: Construct, id: string, attrs: ExistingSecretsVaultAttributes): ISecretsVault {
    return new ExistingSecretsVault(scope, id, attrs);
  }

  public readonly vaultId: string;
  public readonly keyId: string;
  public readonly compartmentId: string;
  public readonly managementEndpoint: string;
  public readonly vault: KmsVault;
  public readonly key: KmsKey;

  public constructor(scope: Construct, id: string, props: SecretsVaultProps) {
    super(scope, id);
    const name = props.name ?? "oke-vn";
    const vaultType = props.vaultType ?? "DEFAULT";
    if (!VAULT_TYPES.includes(vaultType)) {
      throw new Error(`vaultType "${vaultType}" is not one of ${VAULT_TYPES.join(", ")}`);
    }
    const rotationDays = props.keyRotationIntervalDays ?? DEFAULT_KEY_ROTATION_DAYS;
    if (!Number.isInteger(rotationDays) || rotationDays < MIN_KEY_ROTATION_DAYS || rotationDays > MAX_KEY_ROTATION_DAYS) {
      throw new Error(
        `keyRotationIntervalDays ${rotationDays} is not allowed; OCI rotates keys every ${MIN_KEY_ROTATION_DAYS}–${MAX_KEY_ROTATION_DAYS} days and CIS OCI 4.16 asks for at most ${MAX_KEY_ROTATION_DAYS}`,
      );
    }
    if (vaultType === "DEFAULT") {
      Annotations.of(this).addWarning(
        `vaultType DEFAULT: Oracle documents automatic key rotation for virtual private vaults only; if OCI rejects is_auto_rotation_enabled on this key, use vaultType VIRTUAL_PRIVATE or rotate the key at least yearly yourself (CIS OCI 4.16)`,
      );
    }
    this.compartmentId = props.compartmentId;

    this.vault = new KmsVault(this, "vault", {
      compartmentId: this.compartmentId,
      displayName: `${name}-vault`,
      vaultType,
      freeformTags: props.freeformTags,
    });
    this.vaultId = this.vault.id;
    this.managementEndpoint = this.vault.managementEndpoint;

    this.key = new KmsKey(this, "key", {
      compartmentId: this.compartmentId,
      displayName: `${name}-key`,
      managementEndpoint: this.managementEndpoint,
      // AES-256 kept in the HSM: cryptographic operations never leave it.
      keyShape: { algorithm: "AES", length: 32 },
      protectionMode: "HSM",
      isAutoRotationEnabled: true,
      autoKeyRotationDetails: { rotationIntervalInDays: rotationDays },
      freeformTags: props.freeformTags,
    });
    this.keyId = this.key.id;
  }
}

class ExistingSecretsVault extends SecretsVaultBase {
  public readonly vaultId: string;
  public readonly keyId: string;
  public readonly compartmentId: string;
  public readonly managementEndpoint?: string;

  public constructor(scope: Construct, id: string, attrs: ExistingSecretsVaultAttributes) {
    super(scope, id);
    this.compartmentId = checkOcid(attrs.compartmentId, "compartmentId", ["compartment", "tenancy"]);
    this.vaultId = checkOcid(attrs.vaultId, "vaultId", ["vault"]);
    this.keyId = checkOcid(attrs.keyId, "keyId", ["key"]);
    if (attrs.managementEndpoint !== undefined && !Token.isUnresolved(attrs.managementEndpoint)) {
      if (!/^https:\/\/[^\s/]+/.test(attrs.managementEndpoint)) {
        throw new Error(
          `managementEndpoint "${attrs.managementEndpoint}" is not a vault management endpoint such as https://<id>-management.kms.<region>.oraclecloud.com`,
        );
      }
    }
    this.managementEndpoint = attrs.managementEndpoint;
  }
}

/** Catches swapped or mistyped OCIDs; references are accepted as they are. */
function checkOcid(value: string, what: string, types: readonly string[]): string {
  if (Token.isUnresolved(value)) return value;
  const type = /^ocid1\.([a-z0-9]+)\./.exec(value)?.[1];
  if (!type || !types.includes(type)) {
    throw new Error(`${what} "${value}" is not ${types.map((t) => `an ocid1.${t}… OCID`).join(" or ")}`);
  }
  return value;
}

/** random_password needs the random provider; add it once per stack so users need not. */
function ensureRandomProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (stack.node.findAll().some((c) => c instanceof RandomProvider)) return;
  new RandomProvider(stack, stack.node.tryFindChild("random") ? "random-provider" : "random");
}
