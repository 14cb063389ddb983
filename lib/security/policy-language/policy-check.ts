/**
 * Checks one `oci_identity_policy` as Terraform JSON: OCI's limits on the policy and every
 * statement against the policy language. Values that are Terraform references (`${…}`) are
 * known only at apply time and are not checked. Pure: no cdktf imports.
 */
import { PolicySyntaxError, PolicyStatement, parsePolicyStatement } from "./parser";
import { POLICY_LIMITS, POLICY_SOURCES, PolicyExtraVocabulary } from "./vocabulary";

export interface PolicyProblem {
  /** 0-based index of the statement, for statement problems. */
  readonly statementIndex?: number;
  readonly statement?: string;
  /** The offending token, for statement problems. */
  readonly token?: string;
  readonly suggestion?: string;
  readonly message: string;
}

export interface PolicyDocument {
  readonly name?: unknown;
  readonly description?: unknown;
  readonly statements?: unknown;
}

const isRef = (v: unknown) => typeof v === "string" && v.includes("${");
const cite = (source: keyof typeof POLICY_SOURCES) => `(${POLICY_SOURCES[source].title}, ${POLICY_SOURCES[source].url})`;

/** The statements and problems of one policy. */
export function checkPolicyDocument(policy: PolicyDocument, extraVocabulary?: PolicyExtraVocabulary): { problems: PolicyProblem[]; statements: PolicyStatement[] } {
  const problems: PolicyProblem[] = [];
  const parsed: PolicyStatement[] = [];
  const { name, description, statements } = policy;
  if (typeof name === "string" && !isRef(name)) {
    const { maxNameLength, namePattern } = POLICY_LIMITS;
    if (name.length > maxNameLength.value) {
      problems.push({ message: `policy name "${name}" has ${name.length} characters; OCI allows at most ${maxNameLength.value} ${cite(maxNameLength.source)}` });
    }
    if (!namePattern.value.test(name)) {
      problems.push({ message: `policy name "${name}" may hold only ${namePattern.text} ${cite(namePattern.source)}` });
    }
  }
  if (typeof description === "string" && !isRef(description) && description.length > POLICY_LIMITS.maxDescriptionLength.value) {
    const { maxDescriptionLength } = POLICY_LIMITS;
    problems.push({ message: `policy description has ${description.length} characters; OCI allows at most ${maxDescriptionLength.value} ${cite(maxDescriptionLength.source)}` });
  }
  if (Array.isArray(statements)) {
    const { maxStatements } = POLICY_LIMITS;
    if (statements.length === 0 || statements.length > maxStatements.value) {
      problems.push({ message: `policy has ${statements.length} statements; OCI allows 1 to ${maxStatements.value} per policy ${cite(maxStatements.source)}` });
    }
    statements.forEach((statement, statementIndex) => {
      if (typeof statement !== "string") return;
      // A statement that is one reference as a whole (a variable, a function) is known only at apply.
      if (/^\$\{[^]*\}$/.test(statement.trim()) && !/\s/.test(statement.trim().replace(/\$\{[^}]*\}/g, ""))) return;
      try {
        parsed.push(parsePolicyStatement(statement, { extraVocabulary }));
      } catch (err) {
        if (!(err instanceof PolicySyntaxError)) throw err;
        problems.push({ statementIndex, statement, token: err.token, suggestion: err.suggestion, message: err.message });
      }
    });
  }
  return { problems, statements: parsed };
}

/** One line per problem: the policy's path, the statement and what is wrong with which token. */
export function describePolicyProblem(path: string, problem: PolicyProblem): string {
  if (problem.statement === undefined) return `IAM policy at ${path}: ${problem.message}`;
  return `IAM policy at ${path}, statement ${problem.statementIndex! + 1} "${problem.statement}": ${problem.message}`;
}
