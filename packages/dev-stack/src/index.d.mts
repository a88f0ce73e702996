export * from "./dev-vars.mjs";
export { ROOT, type Stack, type StartStackOptions, startStack, WRANGLER_ENV } from "./stack.mjs";
/** JSONC → JSON: drops line and block comments outside strings. */
export declare function stripJsonComments(text: string): string;
