// The Postgres layer shared by the pipeline and the gateway (`@buzz/db`): schema, the
// per-invocation client, and drizzle's query builders re-exported so every caller uses this one copy of
// drizzle-orm (its column and table checks are identity-based).

export {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  not,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
export { type Db, type DbEnv, type DbOptions, openDb, withDb } from "./client.js";
export {
  errorText,
  FOREIGN_KEY_VIOLATION,
  INVALID_AUTHORIZATION,
  isDatabaseUnavailable,
  sqlState,
  UNIQUE_VIOLATION,
} from "./errors.js";
export { type HoldOptions, holdThroughOutage, postgresAnswers } from "./outage.js";
export { rerunOn, TRANSACTION_CONFLICTS } from "./rerun.js";
export * from "./schema/index.js";
export { runInOneTrip } from "./script.js";
