export * from "./vocabulary";
export * from "./parser";
export * from "./grants";
export * from "./policy-check";
export * from "./report";
