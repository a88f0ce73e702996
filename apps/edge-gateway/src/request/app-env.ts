/** Hono's environment for every route of the gateway. */
export type AppEnv = { Bindings: Env };
