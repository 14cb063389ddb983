export * from "./connections";
export * from "./load-balancer-annotations";
export * from "./network";
export * from "./network-cidr-plan";
export * from "./network-security-group";
export * from "./network-security-rules";
export * from "./private-ranges";
