// Postgres on a developer's machine and in tests: a real server (DATABASE_URL) or an embedded PGlite, the
// migrations, and the Neon WebSocket proxy the Workers reach either through.
export { MIGRATIONS, migrateDatabase } from "./migrate.mjs";
export { loopbackTarget, startNeonProxy } from "./neon-proxy.mjs";
export { TerminateWatcher } from "./pg-frontend.mjs";
export { servesPglite, startDatabase, startNeonProxyFor } from "./postgres.mjs";
