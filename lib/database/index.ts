export * from "./mysql-database";
