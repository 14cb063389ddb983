export * from "./compliance-checks";
export * from "./compliance-rules";
