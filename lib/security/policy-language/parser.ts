/**
 * A parser for OCI's IAM policy language (Oracle: "IAM Policies Overview", "Conditions", "Advanced
 * Policy Features", "Accessing Resources Across Tenancies"). It reads one statement and returns its
 * parts, or throws a PolicySyntaxError naming the offending token and the closest valid word.
 * Terraform references (`${…}`) are opaque values of whatever kind the position expects.
 * Keywords are case-insensitive, as in Oracle's own examples (`endorse`, `ALL {…}`).
 * Pure: no cdktf imports.
 */
import { likelyTypoOf } from "../../common/spelling";
import {
  PolicyConditionOperator,
  DEFAULT_CONDITION_OPERATORS,
  PolicyExtraVocabulary,
  POLICY_VARIABLES,
  POLICY_VARIABLE_PATTERNS,
  POLICY_VERBS,
  RESOURCE_TYPES,
  PolicyResourceTypeEntry,
  PolicyVariableEntry,
} from "./vocabulary";

export class PolicySyntaxError extends Error {
  public constructor(
    /** What is wrong, without the statement. */
    public readonly reason: string,
    /** The offending token as written ("" at the end of the statement). */
    public readonly token: string,
    /** The closest valid word, when one is close. */
    public readonly suggestion?: string,
  ) {
    super(suggestion ? `${reason}; did you mean "${suggestion}"?` : reason);
    this.name = "PolicySyntaxError";
  }
}

export type PolicySubject =
  | { readonly kind: "group" | "dynamic-group"; readonly name?: string; readonly id?: string; readonly domain?: string }
  | { readonly kind: "any-user" | "any-group" }
  | { readonly kind: "service"; readonly name: string };

export type StatementLocation =
  | { readonly kind: "tenancy"; readonly alias?: string }
  | { readonly kind: "any-tenancy" }
  | { readonly kind: "compartment"; readonly name?: string; readonly id?: string; readonly ofTenancy?: string };

export type PolicyCondition =
  | { readonly kind: "single"; readonly variable: string; readonly operator: PolicyConditionOperator; readonly values: readonly string[] }
  | { readonly kind: "all" | "any"; readonly conditions: readonly PolicyCondition[] };

export interface DefineStatement {
  readonly kind: "define";
  readonly entity: "tenancy" | "group" | "dynamic-group" | "compartment";
  readonly alias: string;
  readonly ocid: string;
  readonly text: string;
}

export interface GrantStatement {
  readonly kind: "allow" | "endorse" | "admit";
  readonly subjects: readonly PolicySubject[];
  /** Admit: the tenancy alias the subjects belong to. */
  readonly ofTenancy?: string;
  /** A verb, or undefined when the statement lists permissions. */
  readonly verb?: string;
  readonly resourceType?: string;
  /** `{PERMISSION, …}` in place of verb and resource type (Advanced Policy Features). */
  readonly permissions?: readonly string[];
  readonly location: StatementLocation;
  /** Endorse/Admit `associate … with <resource-type> in <location>`. */
  readonly with?: { readonly resourceType: string; readonly location: StatementLocation };
  readonly condition?: PolicyCondition;
  readonly text: string;
}

export type PolicyStatement = DefineStatement | GrantStatement;

export interface PolicyParseOptions {
  readonly extraVocabulary?: PolicyExtraVocabulary;
}

type TokenKind = "word" | "quoted" | "punct";
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Holds a `${…}` reference. */
  readonly ref: boolean;
}

const PUNCT = new Set(["{", "}", ",", "(", ")", "="]);

/**
 * Splits a statement into words, quoted strings and punctuation; `${…}` stays whole.
 * @internal
 */
export function tokenizePolicyStatement(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readRef = (): void => {
    // at "${": skip to the matching brace
    let depth = 0;
    for (; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") {
        depth--;
        if (depth === 0) {
          i++;
          return;
        }
      }
    }
    throw new PolicySyntaxError("a ${…} reference is not closed", text.slice(text.lastIndexOf("${")));
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "!" && text[i + 1] === "=") {
      tokens.push({ kind: "punct", text: "!=", ref: false });
      i += 2;
    } else if (PUNCT.has(c)) {
      tokens.push({ kind: "punct", text: c, ref: false });
      i++;
    } else if (c === "'") {
      const start = i++;
      let ref = false;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === "$" && text[i + 1] === "{") {
          ref = true;
          readRef();
        } else i++;
      }
      if (i >= text.length) throw new PolicySyntaxError("a quoted value is not closed", text.slice(start));
      i++;
      tokens.push({ kind: "quoted", text: text.slice(start, i), ref });
    } else {
      const start = i;
      let ref = false;
      while (i < text.length) {
        const d = text[i];
        if (d === "$" && text[i + 1] === "{") {
          ref = true;
          readRef();
        } else if (/\s/.test(d) || PUNCT.has(d) || d === "'" || (d === "!" && text[i + 1] === "=")) break;
        else i++;
      }
      tokens.push({ kind: "word", text: text.slice(start, i), ref });
    }
  }
  return tokens;
}


/**
 * The candidate closest to `word`, if it is close enough to be a likely typo.
 * @internal
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  return likelyTypoOf(word, candidates, (s) => s.toLowerCase());
}

const OCID = /^ocid1\.[a-z0-9]+\.[a-z0-9-]+\.[a-z0-9-]*(\.[a-z0-9-]*)?\.[a-z0-9]+$/i;
/** Compartment names: letters, digits, '.', '-', '_' (Managing Compartments). */
const COMPARTMENT_NAME = /^[A-Za-z0-9._-]+$/;
/** Group, dynamic-group, alias and service names when unquoted. */
const NAME = /^[A-Za-z0-9._@+-]+$/;
const PERMISSION = /^[A-Z][A-Z0-9_]*$/;
const STRUCTURE = new Set(["to", "in", "where", "with", "of", "as"]);
const SUBJECT_KEYWORDS = ["group", "dynamic-group", "any-user", "any-group", "service"];

/** The parser's view of the vocabulary, with the user's additions. */
class Vocabulary {
  public readonly resourceTypes = new Map<string, PolicyResourceTypeEntry | undefined>();
  public readonly variables = new Map<string, PolicyVariableEntry | undefined>();

  public constructor(extra: PolicyExtraVocabulary = {}) {
    for (const entry of RESOURCE_TYPES) this.resourceTypes.set(entry.name.toLowerCase(), entry);
    for (const name of extra.resourceTypes ?? []) if (!this.resourceTypes.has(name.toLowerCase())) this.resourceTypes.set(name.toLowerCase(), undefined);
    for (const entry of POLICY_VARIABLES) this.variables.set(entry.name.toLowerCase(), entry);
    for (const name of extra.variables ?? []) if (!this.variables.has(name.toLowerCase())) this.variables.set(name.toLowerCase(), undefined);
  }

  public variable(name: string): { known: boolean; entry?: PolicyVariableEntry } {
    const lower = name.toLowerCase();
    if (this.variables.has(lower)) return { known: true, entry: this.variables.get(lower) };
    const pattern = POLICY_VARIABLE_PATTERNS.find((p) => lower.startsWith(`${p.prefix.toLowerCase()}.`));
    if (pattern && lower.slice(pattern.prefix.length + 1).split(".").filter(Boolean).length === pattern.parts) return { known: true };
    return { known: false };
  }
}

const cache = new Map<string, Vocabulary>();
function vocabularyFor(extra?: PolicyExtraVocabulary): Vocabulary {
  const key = JSON.stringify(extra ?? {});
  let v = cache.get(key);
  if (!v) {
    v = new Vocabulary(extra);
    cache.set(key, v);
  }
  return v;
}

const show = (t: Token | undefined) => (t ? t.text : "");
const unquote = (t: Token) => (t.kind === "quoted" ? t.text.slice(1, -1) : t.text);

class Parser {
  private i = 0;
  public constructor(
    private readonly tokens: Token[],
    private readonly vocabulary: Vocabulary,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  private next(): Token | undefined {
    return this.tokens[this.i++];
  }
  private atEnd(): boolean {
    return this.i >= this.tokens.length;
  }
  private isWord(t: Token | undefined, ...words: string[]): boolean {
    return !!t && t.kind === "word" && !t.ref && words.includes(t.text.toLowerCase());
  }
  private fail(reason: string, token: Token | undefined, candidates?: Iterable<string>): never {
    const text = show(token);
    const suggestion = token && token.kind === "word" && candidates ? closestWord(text, candidates) : undefined;
    throw new PolicySyntaxError(token ? reason : `${reason}, but the statement ends`, text, suggestion);
  }
  private keyword(words: string[], what: string): string {
    const t = this.next();
    if (!this.isWord(t, ...words)) {
      this.fail(`expected ${what} where "${show(t)}" is`, t, words);
    }
    return t!.text.toLowerCase();
  }
  /** A name or alias: a word that is not a keyword, or a quoted string. */
  private name(what: string, pattern = NAME): string {
    const t = this.next();
    if (!t || t.kind === "punct" || (t.kind === "word" && !t.ref && STRUCTURE.has(t.text.toLowerCase()))) {
      this.fail(`expected ${what} where "${show(t)}" is`, t);
    }
    if (t.kind === "word" && !t.ref && !pattern.test(t.text)) this.fail(`${what} "${t.text}" has characters OCI does not allow unquoted`, t);
    return unquote(t);
  }
  private ocid(what: string): string {
    const t = this.next();
    if (!t || t.kind === "punct") this.fail(`expected the OCID of ${what} where "${show(t)}" is`, t);
    const value = unquote(t);
    if (!t.ref && !OCID.test(value)) this.fail(`"${value}" is not an OCID (ocid1.<type>.<realm>.[region].<id>) of ${what}`, t);
    return value;
  }

  public statement(text: string): PolicyStatement {
    const kind = this.keyword(["allow", "endorse", "admit", "define"], "Allow, Endorse, Admit or Define at the start") as PolicyStatement["kind"];
    const statement = kind === "define" ? this.define(text) : this.grant(kind, text);
    if (!this.atEnd()) {
      const t = this.peek();
      this.fail(`unexpected "${show(t)}" after the end of the statement`, t, ["where", "with"]);
    }
    return statement;
  }

  private define(text: string): DefineStatement {
    const entity = this.keyword(["tenancy", "group", "dynamic-group", "compartment"], "tenancy, group, dynamic-group or compartment after Define") as DefineStatement["entity"];
    const alias = this.name(`the ${entity} alias`);
    this.keyword(["as"], `"as" after the alias`);
    return { kind: "define", entity, alias, ocid: this.ocid(`the ${entity}`), text };
  }

  private grant(kind: GrantStatement["kind"], text: string): GrantStatement {
    const subjects = this.subjects();
    let ofTenancy: string | undefined;
    if (kind === "admit") {
      this.keyword(["of"], `"of tenancy <alias>" after Admit's subject`);
      this.keyword(["tenancy"], `"tenancy" after "of"`);
      ofTenancy = this.name("the tenancy alias");
    }
    this.keyword(["to"], `"to" after the subject`);
    let verb: string | undefined;
    let resourceType: string | undefined;
    let permissions: string[] | undefined;
    if (this.peek()?.text === "{") {
      permissions = this.permissions();
    } else {
      verb = this.verb(kind);
      resourceType = this.resourceType();
    }
    this.keyword(["in"], `"in" before the location`);
    const location = this.location(kind);
    let withClause: GrantStatement["with"];
    if (verb === "associate") {
      this.keyword(["with"], `"with <resource-type> in <location>" after associate`);
      const otherType = this.resourceType();
      this.keyword(["in"], `"in" before the location`);
      withClause = { resourceType: otherType, location: this.location(kind) };
    }
    let condition: PolicyCondition | undefined;
    if (!this.atEnd()) {
      const t = this.peek();
      if (!this.isWord(t, "where")) this.fail(`unexpected "${show(t)}" after the location; a condition starts with "where"`, t, ["where", "with"]);
      this.next();
      condition = this.condition();
    }
    return { kind, subjects, ofTenancy, verb, resourceType, permissions, location, with: withClause, condition, text };
  }

  private subjects(): PolicySubject[] {
    const subjects: PolicySubject[] = [this.subject()];
    while (this.peek()?.text === ",") {
      this.next();
      const t = this.peek();
      const previous = subjects[subjects.length - 1];
      // `group A, group B` or `group A, B`; `service a, b`
      if (this.isWord(t, ...SUBJECT_KEYWORDS)) subjects.push(this.subject());
      else if (previous.kind === "group" || previous.kind === "dynamic-group") subjects.push({ kind: previous.kind, ...this.principalName(previous.kind) });
      else if (previous.kind === "service") subjects.push({ kind: "service", name: this.name("a service name") });
      else this.fail(`expected a subject (${SUBJECT_KEYWORDS.join(", ")}) after ","`, t, SUBJECT_KEYWORDS);
    }
    return subjects;
  }

  private subject(): PolicySubject {
    const t = this.next();
    if (!this.isWord(t, ...SUBJECT_KEYWORDS)) {
      this.fail(`unknown subject "${show(t)}"; expected ${SUBJECT_KEYWORDS.join(", ")}`, t, SUBJECT_KEYWORDS);
    }
    const kind = t!.text.toLowerCase() as PolicySubject["kind"];
    if (kind === "any-user" || kind === "any-group") return { kind };
    if (kind === "service") return { kind, name: this.name("a service name") };
    if (this.isWord(this.peek(), "id")) {
      this.next();
      return { kind, id: this.ocid(`the ${kind}`) };
    }
    return { kind, ...this.principalName(kind) };
  }

  /** `Name`, `'Name'`, `Domain/Name` or `'Domain'/'Name'` (identity domains). */
  private principalName(kind: string): { name: string; domain?: string } {
    const first = this.peek();
    if (first?.kind === "word" && !first.ref && first.text.includes("/")) {
      this.next();
      const [domain, name, ...rest] = first.text.split("/");
      if (!domain || !name || rest.length) this.fail(`"${first.text}" is not <domain>/<${kind} name>`, first);
      return { domain, name };
    }
    const name = this.name(`the ${kind} name`);
    if (this.peek()?.kind === "word" && this.peek()!.text === "/") {
      this.next();
      return { domain: name, name: this.name(`the ${kind} name after the domain`) };
    }
    return { name };
  }

  private permissions(): string[] {
    this.next(); // {
    const permissions: string[] = [];
    for (;;) {
      const t = this.next();
      if (!t || t.kind !== "word" || (!t.ref && !PERMISSION.test(t.text))) {
        this.fail(`"${show(t)}" is not a permission name (capital letters and underscores, e.g. VNIC_CREATE)`, t);
      }
      permissions.push(t.text);
      const sep = this.next();
      if (sep?.text === "}") return permissions;
      if (sep?.text !== ",") this.fail(`expected "," or "}" in the permission list where "${show(sep)}" is`, sep);
    }
  }

  private verb(kind: GrantStatement["kind"]): string {
    const t = this.next();
    const verbs: string[] = kind === "allow" ? [...POLICY_VERBS] : [...POLICY_VERBS, "associate"];
    if (!t || t.kind !== "word") this.fail(`expected a verb (${verbs.join(", ")}) where "${show(t)}" is`, t);
    if (t.ref) return t.text;
    const verb = t.text.toLowerCase();
    if (!verbs.includes(verb)) {
      const extra = kind === "allow" && verb === "associate" ? " (associate is for Endorse and Admit)" : "";
      this.fail(`unknown verb "${t.text}"; expected ${verbs.join(", ")}${extra}`, t, verbs);
    }
    return verb;
  }

  private resourceType(): string {
    const t = this.next();
    if (!t || t.kind !== "word" || (!t.ref && STRUCTURE.has(t.text.toLowerCase()))) this.fail(`expected a resource type or family where "${show(t)}" is`, t);
    if (t.ref) return t.text;
    if (!this.vocabulary.resourceTypes.has(t.text.toLowerCase())) {
      this.fail(`unknown resource type "${t.text}"`, t, [...RESOURCE_TYPES.map((r) => r.name), ...this.vocabulary.resourceTypes.keys()]);
    }
    return t.text;
  }

  private location(kind: GrantStatement["kind"]): StatementLocation {
    const words = kind === "endorse" ? ["tenancy", "compartment", "any-tenancy"] : ["tenancy", "compartment"];
    const t = this.next();
    if (!this.isWord(t, ...words)) this.fail(`unknown location "${show(t)}"; expected ${words.join(" or ")}`, t, words);
    const where = t!.text.toLowerCase();
    if (where === "any-tenancy") return { kind: "any-tenancy" };
    if (where === "tenancy") {
      // `in tenancy <alias>` names another tenancy (Endorse, and Admit's associate … in tenancy <alias>)
      const alias = this.peek();
      if (alias && alias.kind !== "punct" && !this.isWord(alias, "where", "with")) {
        if (kind === "allow") this.fail(`unexpected "${alias.text}" after "in tenancy"; only Endorse and Admit name a tenancy alias`, alias, ["where"]);
        return { kind: "tenancy", alias: this.name("the tenancy alias") };
      }
      return { kind: "tenancy" };
    }
    let location: { name?: string; id?: string };
    if (this.isWord(this.peek(), "id")) {
      this.next();
      location = { id: this.ocid("the compartment") };
    } else {
      const nameToken = this.peek();
      const name = this.name("the compartment name or path", /^[A-Za-z0-9._:-]+$/);
      if (!nameToken?.ref && nameToken?.kind === "word" && name.split(":").some((part) => !COMPARTMENT_NAME.test(part))) {
        this.fail(`compartment path "${name}" has an empty part`, nameToken);
      }
      location = { name };
    }
    if (this.isWord(this.peek(), "of")) {
      this.next();
      this.keyword(["tenancy"], `"tenancy" after "of"`);
      return { kind: "compartment", ...location, ofTenancy: this.name("the tenancy alias") };
    }
    return { kind: "compartment", ...location };
  }

  private condition(): PolicyCondition {
    const t = this.peek();
    if (this.isWord(t, "all", "any") && this.peek(1)?.text === "{") {
      this.next();
      this.next();
      const conditions: PolicyCondition[] = [];
      for (;;) {
        conditions.push(this.condition());
        const sep = this.next();
        if (sep?.text === "}") break;
        if (sep?.text !== ",") this.fail(`expected "," or "}" between conditions where "${show(sep)}" is`, sep);
      }
      return { kind: t!.text.toLowerCase() as "all" | "any", conditions };
    }
    return this.single();
  }

  private single(): PolicyCondition {
    const v = this.next();
    if (!v || v.kind !== "word") this.fail(`expected a variable (request.… or target.…) where "${show(v)}" is`, v);
    const variable = v.text;
    let entry: PolicyVariableEntry | undefined;
    if (!v.ref) {
      const found = this.vocabulary.variable(variable);
      if (!found.known) {
        const candidates = [...this.vocabulary.variables.keys(), ...POLICY_VARIABLES.map((x) => x.name)];
        const shape = POLICY_VARIABLE_PATTERNS.find((p) => variable.toLowerCase().startsWith(p.prefix.toLowerCase()));
        this.fail(shape ? `variable "${variable}" does not have the shape ${shape.shape}` : `unknown variable "${variable}"`, v, candidates);
      }
      entry = found.entry;
    }
    const operators = entry?.operators ?? (entry ? DEFAULT_CONDITION_OPERATORS : (["=", "!=", "before", "after", "between", "in"] as PolicyConditionOperator[]));
    const o = this.next();
    const operator = (o?.kind === "punct" ? o.text : o?.text.toLowerCase()) as PolicyConditionOperator | undefined;
    if (!o || !operator || !operators.includes(operator)) {
      this.fail(`expected an operator (${operators.join(", ")}) for ${variable} where "${show(o)}" is`, o, operators.filter((x) => /^[a-z]/.test(x)));
    }
    const values: string[] = [];
    if (operator === "in") {
      const open = this.next();
      if (open?.text !== "(") this.fail(`expected "(" after "in" where "${show(open)}" is`, open);
      for (;;) {
        values.push(this.value(entry, variable));
        const sep = this.next();
        if (sep?.text === ")") break;
        if (sep?.text !== ",") this.fail(`expected "," or ")" in the value list where "${show(sep)}" is`, sep);
      }
    } else if (operator === "between") {
      values.push(this.value(entry, variable));
      this.keyword(["and"], `"and" between the two times`);
      values.push(this.value(entry, variable));
    } else {
      values.push(this.value(entry, variable));
    }
    return { kind: "single", variable, operator, values };
  }

  private value(entry: PolicyVariableEntry | undefined, variable: string): string {
    const t = this.next();
    if (!t || t.kind === "punct") this.fail(`expected a value for ${variable} where "${show(t)}" is`, t);
    if (t.kind === "word" && !t.ref) {
      const isPattern = t.text.length > 2 && t.text.startsWith("/") && t.text.endsWith("/");
      // Conditions: "single quotation marks are required around the value" of a String
      if (entry?.kind === "string" && !isPattern) this.fail(`the value "${t.text}" of ${variable} must be in single quotes ('${t.text}')`, t);
      if (STRUCTURE.has(t.text.toLowerCase()) || ["all", "any"].includes(t.text.toLowerCase())) this.fail(`expected a value for ${variable} where "${t.text}" is`, t);
    }
    return t.text;
  }
}

/** Parses one statement; throws PolicySyntaxError naming the offending token. */
export function parsePolicyStatement(text: string, options: PolicyParseOptions = {}): PolicyStatement {
  // A synth parses each statement several times (the policy checks, a compliance rule, the grants
  // report): statements read with the library's own vocabulary are parsed once. Frozen, as shared.
  const shared = options.extraVocabulary === undefined;
  const cached = shared ? PARSED.get(text) : undefined;
  if (cached) return cached;
  const tokens = tokenizePolicyStatement(text);
  if (tokens.length === 0) throw new PolicySyntaxError("the statement is empty", "");
  const statement = new Parser(tokens, vocabularyFor(options.extraVocabulary)).statement(text);
  if (shared) {
    if (PARSED.size >= MAX_PARSED) PARSED.delete(PARSED.keys().next().value!);
    PARSED.set(text, deepFreeze(statement));
  }
  return statement;
}

/** Statements parsed with the library's vocabulary, oldest first. */
const PARSED = new Map<string, PolicyStatement>();
const MAX_PARSED = 2000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The statement's resource-type entry, when the vocabulary has one.
 * @internal
 */
export function resourceTypeEntry(name: string | undefined): PolicyResourceTypeEntry | undefined {
  return name === undefined ? undefined : RESOURCE_TYPES.find((r) => r.name.toLowerCase() === name.toLowerCase());
}
