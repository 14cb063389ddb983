/**
 * The rules a generated MySQL HeatWave admin password follows (reference §7): 8–32 characters
 * with at least one digit, one lower-case, one upper-case and one special character.
 * Pure: no cdktf imports; the result maps one-to-one onto `random_password` settings.
 */

export const MYSQL_PASSWORD_MIN_LENGTH = 8;
export const MYSQL_PASSWORD_MAX_LENGTH = 32;
export const DEFAULT_MYSQL_PASSWORD_LENGTH = 24;

/**
 * Special characters used by default. Each one is legal unescaped in a URL's user-info part
 * (RFC 3986 unreserved or sub-delims), inert inside double-quoted shell strings, and not a
 * separator in JDBC URLs (`?`, `&`, `#`, `/`, `@`), in `key=value;` connection strings (`;`) or in
 * form-decoded query strings (`+` becomes a space). So the password survives being pasted into a
 * `mysql://user:password@host` URL, a JDBC URL or an env file without quoting or escaping.
 */
export const DEFAULT_MYSQL_PASSWORD_SPECIALS = "-_.~()*,=:";

/**
 * Characters never allowed in the special set: quotes and backslash (break quoting in shells,
 * YAML and SQL), space, '@' and '/' (split URLs) and '$' (shell and Terraform interpolation).
 */
export const FORBIDDEN_MYSQL_PASSWORD_SPECIALS = "'\"`\\ @/$";

export interface MySqlPasswordRules {
  /**
   * Password length, 8–32 (MySQL HeatWave's admin password limits).
   * @default 24
   */
  readonly length?: number;
  /**
   * Minimum number of lower-case letters, at least 1.
   * @default 1
   */
  readonly minLower?: number;
  /**
   * Minimum number of upper-case letters, at least 1.
   * @default 1
   */
  readonly minUpper?: number;
  /**
   * Minimum number of digits, at least 1.
   * @default 1
   */
  readonly minNumeric?: number;
  /**
   * Minimum number of special characters, at least 1.
   * @default 1
   */
  readonly minSpecial?: number;
  /**
   * The special characters to draw from: printable ASCII punctuation, none of
   * `FORBIDDEN_MYSQL_PASSWORD_SPECIALS`, no repeats.
   * @default DEFAULT_MYSQL_PASSWORD_SPECIALS ("-_.~()*,=:")
   */
  readonly specialCharacters?: string;
}

/** The settings of a `random_password` resource, in the provider binding's property names. */
export interface RandomPasswordSettings {
  readonly length: number;
  readonly lower: true;
  readonly upper: true;
  readonly numeric: true;
  readonly special: true;
  readonly minLower: number;
  readonly minUpper: number;
  readonly minNumeric: number;
  readonly minSpecial: number;
  readonly overrideSpecial: string;
}

/**
 * Checks `rules` and returns the `random_password` settings that produce a password MySQL
 * HeatWave accepts. Throws, naming the value, when the rules cannot be met.
 * @internal
 */
export function mysqlPasswordSettings(rules: MySqlPasswordRules = {}): RandomPasswordSettings {
  const length = rules.length ?? DEFAULT_MYSQL_PASSWORD_LENGTH;
  if (!Number.isInteger(length) || length < MYSQL_PASSWORD_MIN_LENGTH || length > MYSQL_PASSWORD_MAX_LENGTH) {
    throw new Error(
      `password length ${length} is not allowed: MySQL HeatWave admin passwords are ${MYSQL_PASSWORD_MIN_LENGTH}–${MYSQL_PASSWORD_MAX_LENGTH} characters`,
    );
  }
  const minimums = {
    minLower: rules.minLower ?? 1,
    minUpper: rules.minUpper ?? 1,
    minNumeric: rules.minNumeric ?? 1,
    minSpecial: rules.minSpecial ?? 1,
  };
  for (const [name, value] of Object.entries(minimums)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`password ${name} ${value} is not allowed: MySQL HeatWave needs at least 1 of each character class`);
    }
  }
  const required = minimums.minLower + minimums.minUpper + minimums.minNumeric + minimums.minSpecial;
  if (required > length) {
    throw new Error(
      `password rules cannot be met: minLower ${minimums.minLower} + minUpper ${minimums.minUpper} + minNumeric ${minimums.minNumeric} + minSpecial ${minimums.minSpecial} = ${required} characters exceed length ${length}; raise length or lower the minimums`,
    );
  }
  return {
    length,
    lower: true,
    upper: true,
    numeric: true,
    special: true,
    ...minimums,
    overrideSpecial: checkSpecials(rules.specialCharacters ?? DEFAULT_MYSQL_PASSWORD_SPECIALS),
  };
}

function checkSpecials(specials: string): string {
  if (specials.length === 0) {
    throw new Error(
      `password specialCharacters is empty: MySQL HeatWave needs at least one special character; use e.g. "${DEFAULT_MYSQL_PASSWORD_SPECIALS}"`,
    );
  }
  const seen = new Set<string>();
  for (const ch of specials) {
    const printablePunctuation = /^[!-/:-@[-`{-~]$/.test(ch);
    if (!printablePunctuation || FORBIDDEN_MYSQL_PASSWORD_SPECIALS.includes(ch)) {
      throw new Error(
        `password specialCharacters "${specials}" contains ${JSON.stringify(ch)}, which is not allowed; use printable ASCII punctuation other than quotes, backslash, space, '@', '/' and '$', e.g. "${DEFAULT_MYSQL_PASSWORD_SPECIALS}"`,
      );
    }
    if (seen.has(ch)) {
      throw new Error(`password specialCharacters "${specials}" lists ${JSON.stringify(ch)} twice; list each character once`);
    }
    seen.add(ch);
  }
  return specials;
}
