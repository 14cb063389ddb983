export * from "./backends";
export * from "./oci-stack";
export * from "./reference-architecture-stack";
