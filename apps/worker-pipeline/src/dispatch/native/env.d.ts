// What native dispatch reads from the environment. Credentials are secrets (wrangler secret put); the base URLs
// default to the real services and are overridden only locally (the mocks in test/src/mock-fcm, mock-apns).
declare namespace Cloudflare {
  interface Env {
    /** The Firebase service account's JSON key file, as downloaded (project_id, client_email, private_key, token_uri). */
    FCM_SERVICE_ACCOUNT?: string;
    FCM_BASE_URL?: string;
    /** The APNs auth key (.p8 PEM), its key id, the team id and the app's bundle id (apns-topic). */
    APNS_KEY?: string;
    APNS_KEY_ID?: string;
    APNS_TEAM_ID?: string;
    APNS_TOPIC?: string;
    APNS_BASE_URL?: string;
    APNS_SANDBOX_BASE_URL?: string;
    EXPO_BASE_URL?: string;
    /** Only when the Expo project has "enhanced push security" on. */
    EXPO_ACCESS_TOKEN?: string;
    /** Origins the native adapters may call (token endpoint included); default: the real services. */
    NATIVE_PUSH_ALLOWLIST?: string;
  }
}
