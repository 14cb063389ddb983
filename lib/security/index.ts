export * from "./iam-policy";
export * from "./iam-statements";
export * from "./key-rotation";
export * from "./mysql-password-policy";
export * from "./secrets-vault";
export * from "./workload-identity";
export * from "./policy-language";
export * from "./policy-language-checks";
