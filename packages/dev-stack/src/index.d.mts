export * from "./dev-vars.mjs";
/** A port nothing listens on right now on 127.0.0.1 (the caller binds it a moment later; the race is accepted). */
export declare function freePort(): Promise<number>;
/** A free port below the ephemeral range: no outgoing connection takes it while a crashed stack restarts. */
export declare function restartablePort(): Promise<number>;
export { ROOT, type Stack, type StartStackOptions, startStack, WRANGLER_ENV } from "./stack.mjs";
/** JSONC → JSON: drops line and block comments outside strings. */
export declare function stripJsonComments(text: string): string;
