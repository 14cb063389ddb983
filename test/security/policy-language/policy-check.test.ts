import { checkPolicyDocument, describePolicyProblem } from "../../../lib/security/policy-language/policy-check";

const ok = "Allow group Ops to read buckets in tenancy";

describe("checkPolicyDocument", () => {
  test("GIVEN a good policy THEN no problems and its statements parsed", () => {
    const { problems, statements } = checkPolicyDocument({ name: "ops-read", description: "ops", statements: [ok, "Allow group Ops to use vaults in tenancy"] });
    expect(problems).toEqual([]);
    expect(statements).toHaveLength(2); // the premise: both were checked
  });

  test("GIVEN a typo THEN the problem names the statement, its index, the token and a suggestion", () => {
    const { problems } = checkPolicyDocument({ name: "p", statements: [ok, "Allow group Ops to mange buckets in tenancy"] });
    expect(problems).toEqual([expect.objectContaining({ statementIndex: 1, token: "mange", suggestion: "manage" })]);
    expect(describePolicyProblem("iam/ops", problems[0])).toMatch(/^IAM policy at iam\/ops, statement 2 "Allow group Ops to mange buckets in tenancy": unknown verb "mange"/);
  });

  test.each([
    [{ name: "x".repeat(101), statements: [ok] }, /policy name "x+" has 101 characters; OCI allows at most 100/],
    [{ name: "has space", statements: [ok] }, /policy name "has space" may hold only letters, digits/],
    [{ name: "p", description: "d".repeat(401), statements: [ok] }, /policy description has 401 characters; OCI allows at most 400/],
    [{ name: "p", statements: [] }, /policy has 0 statements; OCI allows 1 to 50/],
    [{ name: "p", statements: Array(51).fill(ok) }, /policy has 51 statements/],
  ])("GIVEN %#: a policy over OCI's limits THEN a problem citing the limit's source", (policy, message) => {
    const { problems } = checkPolicyDocument(policy);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].message).toMatch(/https:\/\//);
    expect(describePolicyProblem("a/b", problems[0])).toMatch(/^IAM policy at a\/b: /);
  });

  test("GIVEN references (known at apply) THEN neither the name nor a whole-reference statement is checked", () => {
    const { problems, statements } = checkPolicyDocument({ name: "${var.name} with spaces", statements: ["${var.statement}", ok] });
    expect(problems).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  test("GIVEN an extra resource type THEN it is accepted", () => {
    const doc = { name: "p", statements: ["Allow group Ops to read brand-new-things in tenancy"] };
    expect(checkPolicyDocument(doc).problems).toHaveLength(1);
    expect(checkPolicyDocument(doc, { resourceTypes: ["brand-new-things"] }).problems).toEqual([]);
  });
});
