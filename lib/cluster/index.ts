export * from "./cluster-access";
export * from "./cluster-bastion";
export * from "./native-ingress-controller";
export * from "./oke-options";
export * from "./virtual-node-cluster";
export * from "./virtual-node-pool";
