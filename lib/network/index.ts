export * from "./network-cidr-plan";
export * from "./network-security-group";
export * from "./network-security-rules";
export * from "./network";
