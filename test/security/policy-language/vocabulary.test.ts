import { parsePolicyStatement } from "../../../lib/security/policy-language/parser";
import {
  DEFAULT_CONDITION_OPERATORS,
  POLICY_GRAMMAR_SOURCES,
  POLICY_LIMITS,
  POLICY_SOURCES,
  POLICY_VARIABLES,
  POLICY_VARIABLE_PATTERNS,
  POLICY_VERBS,
  RESOURCE_TYPES,
} from "../../../lib/security/policy-language/vocabulary";

describe("the policy vocabulary", () => {
  test("THEN every source is an https page of Oracle's (docs or its GitHub), with the date it was read", () => {
    const sources = Object.values(POLICY_SOURCES);
    expect(sources.length).toBeGreaterThan(10);
    for (const s of sources) {
      expect(s.url).toMatch(/^https:\/\/(docs\.oracle\.com|docs\.cloud\.oracle\.com|github\.com\/oracle)\//);
      expect(s.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.title.length).toBeGreaterThan(3);
    }
  });

  test("THEN every entry names a source that exists", () => {
    const ids = new Set(Object.keys(POLICY_SOURCES));
    const cited = [
      ...RESOURCE_TYPES.map((t) => t.source),
      ...POLICY_VARIABLES.map((v) => v.source),
      ...POLICY_VARIABLE_PATTERNS.map((p) => p.source),
      ...Object.values(POLICY_GRAMMAR_SOURCES),
      ...Object.values(POLICY_LIMITS).map((l) => l.source),
    ];
    expect(cited.length).toBeGreaterThan(50);
    expect(cited.filter((c) => !ids.has(c))).toEqual([]);
  });

  test("THEN resource types and variables are listed once each, as OCI spells them", () => {
    const typeNames = RESOURCE_TYPES.map((t) => t.name);
    expect(new Set(typeNames).size).toBe(typeNames.length);
    expect(typeNames.length).toBeGreaterThan(50);
    for (const n of typeNames) expect(n).toMatch(/^[A-Za-z0-9-]+$/);
    const variableNames = POLICY_VARIABLES.map((v) => v.name);
    expect(new Set(variableNames).size).toBe(variableNames.length);
  });

  test("THEN every family's members are resource types of the list", () => {
    const names = new Set(RESOURCE_TYPES.map((t) => t.name));
    const families = RESOURCE_TYPES.filter((t) => t.family && t.members);
    expect(families.length).toBeGreaterThan(0);
    for (const f of families) for (const m of f.members!) expect(`${f.name} → ${m}: ${names.has(m)}`).toBe(`${f.name} → ${m}: true`);
  });

  test("THEN the verbs from least to most access, and the default operators = and !=", () => {
    expect(POLICY_VERBS).toEqual(["inspect", "read", "use", "manage"]);
    expect(DEFAULT_CONDITION_OPERATORS).toEqual(["=", "!="]);
  });

  test("THEN the parser accepts each resource type and each variable of the lists", () => {
    for (const t of RESOURCE_TYPES) expect(() => parsePolicyStatement(`Allow group G to read ${t.name} in tenancy`)).not.toThrow();
    for (const v of POLICY_VARIABLES.filter((x) => !x.operators || x.operators.includes("="))) {
      expect(() => parsePolicyStatement(`Allow group G to read buckets in tenancy where ${v.name} = 'x'`)).not.toThrow();
    }
  });

  test("THEN the limits: 50 statements, 100-character names of letters, digits, '-', '_', '.', 400-character descriptions", () => {
    expect(POLICY_LIMITS.maxStatements.value).toBe(50);
    expect(POLICY_LIMITS.maxNameLength.value).toBe(100);
    expect(POLICY_LIMITS.namePattern.value.test("oke-vn_policy.1")).toBe(true);
    expect(POLICY_LIMITS.namePattern.value.test("oke vn")).toBe(false);
    expect(POLICY_LIMITS.maxDescriptionLength.value).toBe(400);
  });
});
