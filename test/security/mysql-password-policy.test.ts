import {
  DEFAULT_MYSQL_PASSWORD_SPECIALS,
  FORBIDDEN_MYSQL_PASSWORD_SPECIALS,
  mysqlPasswordSettings,
} from "../../lib/security/mysql-password-policy";

describe("mysqlPasswordSettings", () => {
  test("GIVEN no rules THEN a 24-character password with one of each class MySQL HeatWave requires", () => {
    // WHEN
    const settings = mysqlPasswordSettings();
    // THEN
    expect(settings).toEqual({
      length: 24,
      lower: true,
      upper: true,
      numeric: true,
      special: true,
      minLower: 1,
      minUpper: 1,
      minNumeric: 1,
      minSpecial: 1,
      overrideSpecial: "-_.~()*,=:",
    });
  });

  test("THEN the default specials avoid quotes, backslash, space, '@', '/', '$' and URL/shell separators", () => {
    for (const ch of [...FORBIDDEN_MYSQL_PASSWORD_SPECIALS, "?", "#", "&", ";", "%", "+", "!"]) {
      expect(DEFAULT_MYSQL_PASSWORD_SPECIALS).not.toContain(ch);
    }
    expect(FORBIDDEN_MYSQL_PASSWORD_SPECIALS.split("").sort()).toEqual([" ", '"', "$", "'", "/", "@", "\\", "`"]);
  });

  test("GIVEN custom rules within the limits THEN they are kept", () => {
    const settings = mysqlPasswordSettings({ length: 32, minLower: 4, minUpper: 4, minNumeric: 4, minSpecial: 4, specialCharacters: "-_" });
    expect(settings).toMatchObject({ length: 32, minLower: 4, minUpper: 4, minNumeric: 4, minSpecial: 4, overrideSpecial: "-_" });
  });

  test("GIVEN the shortest password MySQL accepts with exactly one of each class THEN it is allowed", () => {
    expect(mysqlPasswordSettings({ length: 8, minLower: 2, minUpper: 2, minNumeric: 2, minSpecial: 2 }).length).toBe(8);
  });

  test.each([
    [{ length: 7 }, "password length 7 is not allowed: MySQL HeatWave admin passwords are 8–32 characters"],
    [{ length: 33 }, "password length 33 is not allowed"],
    [{ length: 12.5 }, "password length 12.5 is not allowed"],
    [{ minSpecial: 0 }, "password minSpecial 0 is not allowed: MySQL HeatWave needs at least 1 of each character class"],
    [{ minUpper: -1 }, "password minUpper -1 is not allowed"],
    [
      { length: 8, minLower: 3, minUpper: 3, minNumeric: 2, minSpecial: 1 },
      "password rules cannot be met: minLower 3 + minUpper 3 + minNumeric 2 + minSpecial 1 = 9 characters exceed length 8",
    ],
    [{ specialCharacters: "" }, "password specialCharacters is empty"],
    [{ specialCharacters: "-@" }, 'password specialCharacters "-@" contains "@", which is not allowed'],
    [{ specialCharacters: "-$" }, 'contains "$", which is not allowed'],
    [{ specialCharacters: "'" }, `contains "'", which is not allowed`],
    [{ specialCharacters: "a-" }, 'password specialCharacters "a-" contains "a", which is not allowed'],
    [{ specialCharacters: "-é" }, 'contains "é", which is not allowed'],
    [{ specialCharacters: "--" }, 'password specialCharacters "--" lists "-" twice'],
  ])("GIVEN %j THEN a clear error", (rules, message) => {
    expect(() => mysqlPasswordSettings(rules)).toThrow(message);
  });
});
