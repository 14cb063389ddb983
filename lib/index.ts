export * from "./common";
export * from "./network";
export * from "./security";
export * from "./database";
export * from "./cluster";
export * from "./workloads";
export * from "./checks";
export * from "./stacks";
