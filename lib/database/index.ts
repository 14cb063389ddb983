export * from "./app-user-sql";
export * from "./mysql-database";
