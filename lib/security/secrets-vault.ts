import { Construct, IConstruct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import { environmentName } from "../common/environment";
import { Password } from "@cdktf/provider-random/lib/password";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { KmsKey } from "../../.gen/providers/oci/kms-key";
import { KmsKeyVersion } from "../../.gen/providers/oci/kms-key-version";
import { KmsVault } from "../../.gen/providers/oci/kms-vault";
import { VaultSecret as OciVaultSecret } from "../../.gen/providers/oci/vault-secret";
import { Annotations, Fn, Lazy, TerraformResource, TerraformStack, Token } from "../cdktf";
import { OcidType, checkOcid } from "../common/ocid";
import { isReference } from "../common/references";
import { shortHash } from "../common/hash";
import { IamPolicy } from "./iam-policy";
import { secretReadStatements } from "./iam-statements";
import { MySqlPasswordRules, mysqlPasswordSettings } from "./mysql-password-policy";
import {
  DEFAULT_KEY_ROTATION_DAYS,
  MAX_KEY_ROTATION_DAYS,
  checkRotationInterval,
  dueRotationsExpression,
} from "./key-rotation";
import { IWorkloadIdentity } from "./workload-identity";

export type VaultType = "DEFAULT" | "VIRTUAL_PRIVATE";
const VAULT_TYPES: readonly VaultType[] = ["DEFAULT", "VIRTUAL_PRIVATE"];


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
   * Where the secret's resources go: a construct of the stack that asks for the secret (an app's),
   * so a shared vault's stack never points at the apps that keep secrets in it.
   * @default under the vault
   */
  readonly scope?: Construct;
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
   * secret and `read vaults` on its vault (reference §2.3), in a policy attached to the vault's
   * compartment and written under the principal (the grantee's stack). Asking again for the same
   * principal and secret returns the same policy.
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
    super(options.scope ?? vault, id);
    const secretName = options.secretName ?? id;
    const passwordSettings = checkedAt(this, () => {
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
      return options.content === undefined ? mysqlPasswordSettings(options.password) : undefined;
    });
    this.vault = vault;
    this.secretName = secretName;
    this.vaultId = vault.vaultId;
    this.compartmentId = vault.compartmentId;
    this.isGenerated = options.content === undefined;

    if (this.isGenerated) {
      ensureRandomProvider(this);
      this.password = new Password(this, "password", {
        ...passwordSettings!,
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

  public addSecret(id: string, options: SecretOptions = {}): VaultSecret {
    const scope = options.scope ?? this;
    if (scope.node.tryFindChild(id)) {
      throw new Error(`${scope.node.path}: a secret or construct with id "${id}" exists already; pick another id`);
    }
    return new VaultSecret(this, id, options);
  }

  public grantSecretRead(principal: IWorkloadIdentity, secret: IVaultSecret): IamPolicy {
    this.checkOwnSecret(secret);
    const secretLabel = isReference(secret.secretName) ? `secret-${shortHash(secret.secretId)}` : secret.secretName;
    return principal.addPolicy(`read-${secretLabel}`, {
      compartmentId: this.compartmentId,
      purpose: `read-${secretLabel}`,
      description: `Lets service account ${principal.namespace}/${principal.serviceAccount} read Vault secret ${secretLabel}`,
      statements: secretReadStatements(principal, {
        secretId: secret.secretId,
        vaultId: this.vaultId,
        compartmentId: this.compartmentId,
      }),
    });
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

export interface KeyRotationOptions {
  /**
   * Rotate the key. Turning it off draws a synth warning naming CIS OCI 4.16.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Days between rotations, 60–365.
   * @default 90
   */
  readonly intervalDays?: number;
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
   * `DEFAULT` (shared HSM partition, no monthly vault fee) or `VIRTUAL_PRIVATE` (dedicated
   * partition, billed per vault per month). Decides how the key rotates: see `keyRotation`.
   * @default "DEFAULT"
   */
  readonly vaultType?: VaultType;
  /**
   * Rotation of the master encryption key (CIS OCI 4.16: at least yearly). A `VIRTUAL_PRIVATE`
   * vault rotates it automatically. OCI has no automatic rotation for `DEFAULT` vaults (reference
   * §13), so there each apply adds one key version (`oci_kms_key_version`) per interval elapsed
   * since the schedule began; versions are only ever added, never destroyed.
   * @default enabled, every 90 days
   */
  readonly keyRotation?: KeyRotationOptions;
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
 * HSM and rotated at least yearly (CIS OCI 4.16): automatically in a virtual private vault, by
 * added key versions in a DEFAULT vault. Secrets added with `addSecret` are encrypted with that
 * key; `grantSecretRead` lets one Kubernetes service account read one secret.
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
  /** How the key rotates: automatically (virtual private vault), by key versions (DEFAULT vault), or not. */
  public readonly rotationMode: "automatic" | "key-versions" | "none";
  /** The key versions the rotation schedule adds, for a DEFAULT vault. */
  public keyVersions?: KmsKeyVersion;

  public constructor(scope: Construct, id: string, props: SecretsVaultProps) {
    super(scope, id);
    const name = environmentName(this, props.name ?? "oke-vn");
    const vaultType = props.vaultType ?? "DEFAULT";
    const rotation = props.keyRotation ?? {};
    const rotates = rotation.enabled ?? true;
    const { rotationDays, compartmentId } = checkedAt(this, () => {
      if (!VAULT_TYPES.includes(vaultType)) {
        throw new Error(`vaultType "${vaultType}" is not one of ${VAULT_TYPES.join(", ")}`);
      }
      return {
        rotationDays: checkRotationInterval(rotation.intervalDays ?? DEFAULT_KEY_ROTATION_DAYS),
        compartmentId: checkOcid(props.compartmentId, "compartmentId", OcidType.compartment),
      };
    });
    if (!rotates) {
      Annotations.of(this).addWarning(
        `keyRotation.enabled is false: the master encryption key is never rotated; CIS OCI 4.16 asks for customer-managed keys to be rotated at least every ${MAX_KEY_ROTATION_DAYS} days`,
      );
    }
    this.compartmentId = compartmentId;

    this.vault = new KmsVault(this, "vault", {
      compartmentId: this.compartmentId,
      displayName: `${name}-vault`,
      vaultType,
    });
    this.vaultId = this.vault.id;
    this.managementEndpoint = this.vault.managementEndpoint;

    const autoRotates = rotates && vaultType === "VIRTUAL_PRIVATE";
    this.key = new KmsKey(this, "key", {
      compartmentId: this.compartmentId,
      displayName: `${name}-key`,
      managementEndpoint: this.managementEndpoint,
      // AES-256 kept in the HSM: cryptographic operations never leave it.
      keyShape: { algorithm: "AES", length: 32 },
      protectionMode: "HSM",
      // OCI offers automatic rotation in virtual private vaults only; DEFAULT vaults carry no
      // rotation fields and rotate by key versions below.
      isAutoRotationEnabled: autoRotates ? true : undefined,
      autoKeyRotationDetails: autoRotates ? { rotationIntervalInDays: rotationDays } : undefined,
    });
    this.keyId = this.key.id;
    this.rotationMode = !rotates ? "none" : autoRotates ? "automatic" : "key-versions";
    if (this.rotationMode === "key-versions") this.addKeyVersionSchedule(rotationDays);
  }

  /**
   * One `oci_kms_key_version` per elapsed interval, keyed `0001`, `0002`, …: `terraform_data`
   * records the first plan's time once (its input is ignored afterwards), and `plantimestamp()`
   * tells how many intervals have passed since. A version is never destroyed by the schedule:
   * `prevent_destroy` makes Terraform refuse any plan that would (a shorter interval, a removed
   * vault) instead of scheduling the deletion of a version that data is still encrypted with.
   */
  private addKeyVersionSchedule(intervalDays: number): void {
    // A plain terraform_data: cdktf's DataResource class runs `terraform version` at synth, which
    // fails wherever Terraform is not installed.
    const epoch = new TerraformResource(this, "key-rotation-epoch", { terraformResourceType: "terraform_data", lifecycle: { ignoreChanges: ["input"] } });
    epoch.addOverride("input", "${plantimestamp()}");
    this.keyVersions = new KmsKeyVersion(this, "key-rotation", {
      keyId: this.keyId,
      managementEndpoint: this.managementEndpoint,
      lifecycle: { preventDestroy: true },
    });
    const stack = TerraformStack.of(this);
    this.keyVersions.addOverride(
      "for_each",
      Lazy.stringValue({
        produce: () => `\${${dueRotationsExpression(`terraform_data.${stack.getLogicalId(epoch)}.input`, intervalDays)}}`,
      }),
    );
  }
}

class ExistingSecretsVault extends SecretsVaultBase {
  public readonly vaultId: string;
  public readonly keyId: string;
  public readonly compartmentId: string;
  public readonly managementEndpoint?: string;

  public constructor(scope: Construct, id: string, attrs: ExistingSecretsVaultAttributes) {
    super(scope, id);
    this.compartmentId = checkedAt(this, () => checkOcid(attrs.compartmentId, "compartmentId", OcidType.compartment));
    this.vaultId = checkedAt(this, () => checkOcid(attrs.vaultId, "vaultId", OcidType.vault));
    this.keyId = checkedAt(this, () => checkOcid(attrs.keyId, "keyId", OcidType.key));
    if (attrs.managementEndpoint !== undefined && !Token.isUnresolved(attrs.managementEndpoint)) {
      if (!/^https:\/\/[^\s/]+/.test(attrs.managementEndpoint)) {
        throw new Error(
          `${this.node.path}: managementEndpoint "${attrs.managementEndpoint}" is not a vault management endpoint such as https://<id>-management.kms.<region>.oraclecloud.com`,
        );
      }
    }
    this.managementEndpoint = attrs.managementEndpoint;
  }
}

/** random_password needs the random provider; add it once per stack so users need not. */
function ensureRandomProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (stack.node.findAll().some((c) => c instanceof RandomProvider)) return;
  new RandomProvider(stack, stack.node.tryFindChild("random") ? "random-provider" : "random");
}
