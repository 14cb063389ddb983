export * from "./kubernetes-names";
