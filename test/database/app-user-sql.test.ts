import { APP_USER_PRIVILEGES, appUserStatements, checkMySqlUserName, sqlPasswordLiteral } from "../../lib/database/app-user-sql";

describe("appUserStatements", () => {
  const statements = appUserStatements({ database: "shop_api", user: "shop_api", password: "Ab1-_.~()*,=:" });

  test("GIVEN a database, user and password THEN four idempotent statements in order", () => {
    expect(statements).toEqual([
      "CREATE DATABASE IF NOT EXISTS `shop_api`",
      "CREATE USER IF NOT EXISTS 'shop_api'@'%' IDENTIFIED BY 'Ab1-_.~()*,=:'",
      "ALTER USER 'shop_api'@'%' IDENTIFIED BY 'Ab1-_.~()*,=:'",
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `shop_api`.* TO 'shop_api'@'%'",
    ]);
  });

  test("THEN the only grant is exactly SELECT, INSERT, UPDATE, DELETE on exactly the one database, without GRANT OPTION", () => {
    const grants = statements.filter((s) => /^\s*GRANT\b/i.test(s));
    expect(grants).toHaveLength(1);
    const match = /^GRANT (.+) ON (\S+) TO (\S+)$/.exec(grants[0])!;
    expect(match[1].split(", ").sort()).toEqual([...APP_USER_PRIVILEGES].sort());
    expect(match[2]).toBe("`shop_api`.*");
    expect(grants[0]).not.toMatch(/GRANT OPTION|ALL|\*\.\*/i);
    // Nothing else hands out privileges or touches other databases.
    expect(statements.join("\n")).not.toMatch(/\b(REVOKE|DROP|ROLE|SUPER|WITH GRANT)\b/i);
  });

  test("GIVEN a host THEN the account uses it", () => {
    expect(appUserStatements({ database: "d", user: "u", password: "p", host: "10.0.2.0/255.255.255.0" })[1]).toBe(
      "CREATE USER IF NOT EXISTS 'u'@'10.0.2.0/255.255.255.0' IDENTIFIED BY 'p'",
    );
  });

  test.each([
    [{ database: "shop-api" }, 'database: "shop-api" is not a MySQL schema name'],
    [{ database: "x`; DROP DATABASE mysql; --" }, "is not a MySQL schema name"],
    [{ user: "app'@'%" }, `user: "app'@'%" is not a MySQL user name`],
    [{ user: "a".repeat(33) }, "is not a MySQL user name"],
    [{ user: "1app" }, "is not a MySQL user name"],
    [{ password: "it's" }, "hold no quote, backslash or control character"],
    [{ password: "back\\slash" }, "hold no quote, backslash or control character"],
    [{ password: "new\nline" }, "hold no quote, backslash or control character"],
    [{ password: "" }, "must be non-empty"],
    [{ host: "%' OR '1" }, "is not a MySQL account host"],
  ])("GIVEN %j THEN an error naming it", (bad, message) => {
    expect(() => appUserStatements({ database: "shop", user: "shop", password: "pw", ...bad })).toThrow(message);
  });

  test("GIVEN passwords with every special character the generators use THEN each stays one literal", () => {
    for (const password of ["-_.~()*,=:", "a$b`c\"d;e&f|g<h>i!j#k%l^m[n]o{p}q?r/s@t+u"]) {
      expect(sqlPasswordLiteral(password)).toBe(`'${password}'`);
    }
  });

  test("GIVEN a user name within 32 letters, digits and '_' THEN it passes", () => {
    expect(checkMySqlUserName("shop_api_2")).toBe("shop_api_2");
  });
});
