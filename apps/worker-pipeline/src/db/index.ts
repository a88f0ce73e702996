// The Postgres layer shared by the pipeline and the gateway (as "@buzz/worker-pipeline/db"): schema, the
// per-invocation client, and drizzle's query builders re-exported so every caller uses this one copy of
// drizzle-orm (its column and table checks are identity-based).
export * from "./schema/index.js";
export { openDb, withDb, type Db, type DbEnv, type DbOptions } from "./client.js";
export { sqlState, UNIQUE_VIOLATION } from "./errors.js";
export { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, not, notInArray, or, sql } from "drizzle-orm";
