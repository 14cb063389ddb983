export * from "./network";
export * from "./network-cidr-plan";
export * from "./network-security-group";
export * from "./network-security-rules";
export * from "./oci-stack";
export * from "./reference-architecture-stack";
