/**
 * Rotation of a Vault master key (reference §13). Pure: no cdktf imports.
 *
 * OCI rotates keys automatically only in virtual private vaults. A key in a DEFAULT vault is
 * rotated by adding key versions (`oci_kms_key_version`); destroying a version schedules its
 * deletion and makes what it encrypted unreadable, so the schedule only ever adds versions: one
 * per interval elapsed since an epoch that Terraform records once, keyed by the interval's number.
 */

/** OCI rotates virtual-private-vault keys every 60 to 365 days; CIS OCI 4.16 asks for ≤ 365. */
export const MIN_KEY_ROTATION_DAYS = 60;
export const MAX_KEY_ROTATION_DAYS = 365;
export const DEFAULT_KEY_ROTATION_DAYS = 90;
/** How far ahead the schedule reaches (Terraform's `range` stops at 1024 elements). */
export const KEY_ROTATION_HORIZON_YEARS = 25;

/** @internal */
export function checkRotationInterval(days: number, what = "keyRotation.intervalDays"): number {
  if (!Number.isInteger(days) || days < MIN_KEY_ROTATION_DAYS || days > MAX_KEY_ROTATION_DAYS) {
    throw new Error(
      `${what}: ${days} is not allowed; use a whole number of days from ${MIN_KEY_ROTATION_DAYS} to ${MAX_KEY_ROTATION_DAYS} (OCI's rotation limits; CIS OCI 4.16 asks for at most ${MAX_KEY_ROTATION_DAYS})`,
    );
  }
  return days;
}

/**
 * Number of intervals the schedule covers.
 * @internal
 */
export function rotationSlots(intervalDays: number): number {
  return Math.ceil((KEY_ROTATION_HORIZON_YEARS * 365) / intervalDays);
}

/**
 * The key of the n-th rotation (1-based): `0001`, `0002`, … (sorts in rotation order).
 * @internal
 */
export function rotationKey(n: number): string {
  return String(n).padStart(4, "0");
}

/**
 * The HCL expression (without `${}`) for the set of rotation keys due at `now`: interval n is due
 * once `epoch + n × interval` is not after `now`. With the epoch fixed, the set only grows as time
 * passes, so Terraform only ever adds key versions.
 * @param epoch an expression for the RFC 3339 time the schedule started
 * @param now an expression for the current time; `plantimestamp()` in a stack
 * @internal
 */
export function dueRotationsExpression(epoch: string, intervalDays: number, now = "plantimestamp()"): string {
  const hours = checkRotationInterval(intervalDays) * 24;
  return (
    `toset([for n in range(1, ${rotationSlots(intervalDays) + 1}) : format("%04d", n) ` +
    `if timecmp(timeadd(${epoch}, format("%dh", n * ${hours})), ${now}) <= 0])`
  );
}

/**
 * The same schedule in TypeScript: the keys due at `now` for a schedule started at `epoch`.
 * @internal
 */
export function dueRotations(epoch: Date, intervalDays: number, now: Date): string[] {
  const intervalMs = checkRotationInterval(intervalDays) * 24 * 3600 * 1000;
  const due: string[] = [];
  for (let n = 1; n <= rotationSlots(intervalDays); n++) {
    if (epoch.getTime() + n * intervalMs <= now.getTime()) due.push(rotationKey(n));
  }
  return due;
}
