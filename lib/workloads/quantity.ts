/**
 * Kubernetes resource quantities (`500m`, `1`, `0.5`, `1Gi`, `512Mi`, `1e3`), parsed exactly so
 * that `requests` and `limits` can be compared as virtual nodes compare them: `1` equals `1000m`,
 * `1Gi` equals `1024Mi`. Pure: no cdktf imports.
 */

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE])|[eE]([+-]?\d+))?$/;
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/**
 * A quantity in nano-units (the finest Kubernetes keeps), rounded up as Kubernetes rounds.
 * @internal
 */
export type NanoQuantity = bigint;

/**
 * Parses a quantity; throws naming `what` and the value when it is not one.
 * @internal
 */
export function parseQuantity(value: string | number, what: string): NanoQuantity {
  const text = typeof value === "number" ? String(value) : value;
  const match = typeof text === "string" ? QUANTITY.exec(text) : null;
  if (!match) {
    throw new Error(
      `${what}: "${value}" is not a Kubernetes quantity; use e.g. "500m" or "1" for CPU and "512Mi" or "1Gi" for memory`,
    );
  }
  const [, sign, mantissa, binarySuffix, decimalSuffix, exponentText] = match;
  const [whole, fraction = ""] = mantissa.split(".");
  let numerator = BigInt(`${whole || "0"}${fraction}`);
  // value = numerator × 10^exponent × multiplier, in nano-units (× 10^9).
  let exponent = 9 - fraction.length;
  let multiplier = 1n;
  if (binarySuffix) multiplier = BINARY[binarySuffix];
  if (decimalSuffix) exponent += DECIMAL_EXPONENT[decimalSuffix];
  if (exponentText) exponent += Number(exponentText);
  numerator *= multiplier;
  let nanos: bigint;
  if (exponent >= 0) {
    nanos = numerator * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    nanos = (numerator + divisor - 1n) / divisor;
  }
  return sign === "-" ? -nanos : nanos;
}

/** @internal */
export function quantitiesEqual(a: string | number, b: string | number, what: string): boolean {
  return parseQuantity(a, what) === parseQuantity(b, what);
}

/**
 * CPU in cores (fractional), for reports.
 * @internal
 */
export function cpuCores(value: string | number, what: string): number {
  return Number(parseQuantity(value, what)) / 1e9;
}

/**
 * Memory in GiB (fractional), for reports.
 * @internal
 */
export function memoryGiB(value: string | number, what: string): number {
  return Number(parseQuantity(value, what)) / 1e9 / 2 ** 30;
}
