export * from "./ledger";
export * from "./table";
export * from "./windows";
