export { MIGRATIONS, migrateDatabase } from "./migrate.mjs";
export { loopbackTarget, type NeonProxy, startNeonProxy } from "./neon-proxy.mjs";
export { TerminateWatcher } from "./pg-frontend.mjs";
export {
  type Database,
  type StartDatabaseOptions,
  servesPglite,
  startDatabase,
  startNeonProxyFor,
} from "./postgres.mjs";
