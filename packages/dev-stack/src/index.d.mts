export * from "./dev-vars.mjs";
/** A port nothing listens on right now on 127.0.0.1 (the caller binds it a moment later; the race is accepted). */
export declare function freePort(): Promise<number>;
/** A free port below the ephemeral range: no outgoing connection takes it while a crashed stack restarts. */
export declare function restartablePort(): Promise<number>;
export { ROOT, type Stack, type StartStackOptions, startStack, WRANGLER_ENV } from "./stack.mjs";
/** JSONC → JSON: drops line and block comments outside strings. */
export declare function stripJsonComments(text: string): string;
/** k for lane k ≥ 1 of notifications ("notifications-k", with or without an environment's prefix), else 0. */
export declare function laneNumber(queue: string): number;
/** A copy of a Worker's config with `vars` merged in, consumer settings and notification lanes set; returns its path. */
export declare function configWithVars(
  configPath: string,
  vars: Record<string, string>,
  dir: string,
  consumers?: Record<string, Record<string, number>>,
  lanes?: number,
): string;
