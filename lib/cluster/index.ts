export * from "./oke-options";
export * from "./virtual-node-cluster";
export * from "./virtual-node-pool";
