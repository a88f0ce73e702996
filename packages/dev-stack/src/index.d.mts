export * from "./dev-vars.mjs";
/**
 * A port nothing listens on right now on 127.0.0.1, below the kernel's ephemeral range, so no outgoing connection
 * takes it before the process it is for binds it (nor while a crashed stack restarts on it).
 */
export declare function freePort(): Promise<number>;
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
