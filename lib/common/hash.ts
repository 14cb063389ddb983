/**
 * A short, stable hash (base 36) of a string, for names that must stay the same across synths.
 * @internal
 */
export function shortHash(value: string): string {
  let hash = 0;
  for (const ch of value) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}
