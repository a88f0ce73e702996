export declare const DEV_ADMIN_TOKEN: string;
export declare const DEV_SOURCE_KEY: { id: string; secret: string; systems: string[]; matches: string[] };
/** ADMIN_TOKEN and SOURCE_KEYS as wrangler vars (SOURCE_KEYS JSON-encoded). */
export declare const DEV_VARS: Readonly<Record<"ADMIN_TOKEN" | "SOURCE_KEYS", string>>;
export declare const DEV_VAPID_SUBJECT: string;
/** The production push-service origins plus http://127.0.0.1 (the local mock push service). */
export declare const DEV_PUSH_ENDPOINT_ALLOWLIST: string;
/** The native push services' origins (FCM, Google OAuth, APNs, Expo) plus http://127.0.0.1 (local mocks). */
export declare const DEV_NATIVE_PUSH_ALLOWLIST: string;
export declare const LOCAL_ONLY_VARS: {
  PUSH_ENDPOINT_ALLOWLIST: string;
  NATIVE_PUSH_ALLOWLIST: string;
  WEBHOOK_ALLOW_LOOPBACK: string;
  SOURCE_SIGNATURES: string;
};
/** publicKey: base64url 65-byte uncompressed P-256 point; privateKey: base64url raw 32-byte scalar d. */
export declare function generateVapidKeys(): Promise<{ publicKey: string; privateKey: string }>;
/** A fresh VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT set, for --var. */
export declare function vapidVars(): Promise<
  Record<"VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT", string>
>;
/** Both Workers' local vars (dev keys, allow-lists, the VAPID pair kept in .buzz/dev-vars.json); `created`: that file, when new. */
export declare function devVars(
  root: string,
): Promise<{ vars: Record<string, string>; created: string | null }>;
/** KEY=value lines of a dotenv file (surrounding quotes removed), or null when there is no file. */
export declare function readDotenv(file: string): Record<string, string> | null;
