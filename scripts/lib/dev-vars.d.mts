export declare const DEV_ADMIN_TOKEN: string;
export declare const DEV_SOURCE_KEY: { id: string; secret: string; systems: string[]; matches: string[] };
/** ADMIN_TOKEN and SOURCE_KEYS as wrangler vars (SOURCE_KEYS JSON-encoded). */
export declare const DEV_VARS: Readonly<Record<"ADMIN_TOKEN" | "SOURCE_KEYS", string>>;
export declare function ensureDevVars(root: string): boolean;
