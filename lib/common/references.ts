/**
 * Telling literals from references without importing cdktf: cdktf tokens render as `${TfToken[…]}`
 * and Terraform expressions as `${…}`; either is a value only known at plan or apply time.
 * @internal
 */
export function isReference(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}
