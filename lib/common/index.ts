export * from "./hash";
export * from "./kubernetes-names";
