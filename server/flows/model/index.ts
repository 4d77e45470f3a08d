/** The isomorphic flow model: graph schema, node catalogue, templates and starters. Browser-safe. */
export * from "./catalogue";
export * from "./durations";
export * from "./graph";
export * from "./limits";
export * from "./node-configs";
export * from "./templates";
export * from "./starters";
export * from "./webhook";
