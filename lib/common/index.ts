export * from "./hash";
export * from "./kubernetes-names";
export * from "./environment";
export * from "./realms";
export * from "./tags";
