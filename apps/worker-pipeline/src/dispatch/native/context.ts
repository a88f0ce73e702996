// Which native push services this Worker can send to, from its environment, built once per isolate so the FCM
// access token and the APNs provider token are reused across invocations. A provider without credentials, or
// whose URL is outside NATIVE_PUSH_ALLOWLIST, is "not configured": its messages are dead-lettered with the reason.

import type { NativePushProvider } from "@buzz/schema/contract";
import { endpointAllowList } from "@buzz/web-push";
import type { ApnsConfig } from "./apns.js";
import { ApnsProviderToken } from "./apns-auth.js";
import type { ExpoConfig } from "./expo.js";
import type { FcmConfig } from "./fcm.js";
import { FcmAccessToken, parseServiceAccount } from "./fcm-auth.js";
import type { HttpOptions } from "./http.js";

/** The environment variables native dispatch reads (declared, with what each holds, in env.d.ts). */
const NATIVE_KEYS = [
  "FCM_SERVICE_ACCOUNT",
  "FCM_BASE_URL",
  "APNS_KEY",
  "APNS_KEY_ID",
  "APNS_TEAM_ID",
  "APNS_TOPIC",
  "APNS_BASE_URL",
  "APNS_SANDBOX_BASE_URL",
  "EXPO_BASE_URL",
  "EXPO_ACCESS_TOKEN",
  "NATIVE_PUSH_ALLOWLIST",
] as const;
export type NativeEnv = Pick<Env, (typeof NATIVE_KEYS)[number]>;

export const NATIVE_DEFAULTS = {
  FCM_BASE_URL: "https://fcm.googleapis.com",
  APNS_BASE_URL: "https://api.push.apple.com",
  APNS_SANDBOX_BASE_URL: "https://api.sandbox.push.apple.com",
  EXPO_BASE_URL: "https://exp.host",
  /** The real services, and Google's token endpoint (a service account's token_uri). */
  NATIVE_PUSH_ALLOWLIST:
    "https://fcm.googleapis.com,https://oauth2.googleapis.com,https://api.push.apple.com,https://api.sandbox.push.apple.com,https://exp.host",
} as const;

/** Each provider's configuration, once built from the environment. */
export interface NativeConfigs {
  fcm: FcmConfig;
  apns: ApnsConfig;
  expo: ExpoConfig;
}

/** Each provider's configuration, or why it has none. */
export type NativeContext = { [P in NativePushProvider]: NativeConfigs[P] | string };

let cached: { key: string; context: NativeContext } | undefined;

export function nativeContext(env: NativeEnv, http: HttpOptions): NativeContext {
  const key = JSON.stringify(NATIVE_KEYS.map((k) => env[k]));
  if (cached?.key !== key) cached = { key, context: buildNativeContext(env, http) };
  return cached.context;
}

export function buildNativeContext(env: NativeEnv, http: HttpOptions): NativeContext {
  const allowed = endpointAllowList(
    (env.NATIVE_PUSH_ALLOWLIST ?? NATIVE_DEFAULTS.NATIVE_PUSH_ALLOWLIST)
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
  );
  /** The URL without a trailing slash, or why it cannot be used. */
  const checkUrl = (name: string, value: string): string => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`${name} is not a URL`);
    }
    if (!allowed(url)) throw new Error(`${name} ${url.origin} is not on NATIVE_PUSH_ALLOWLIST`);
    return value.replace(/\/+$/, "");
  };
  const attempt = <T>(provider: string, build: () => T): T | string => {
    try {
      return build();
    } catch (err) {
      return `native_push_not_configured: ${provider}: ${(err as Error).message}`;
    }
  };
  return {
    fcm: attempt("fcm", () => {
      if (!env.FCM_SERVICE_ACCOUNT) throw new Error("FCM_SERVICE_ACCOUNT is not set");
      const account = parseServiceAccount(env.FCM_SERVICE_ACCOUNT);
      checkUrl("the service account's token_uri", account.token_uri);
      return {
        baseUrl: checkUrl("FCM_BASE_URL", env.FCM_BASE_URL ?? NATIVE_DEFAULTS.FCM_BASE_URL),
        account,
        auth: new FcmAccessToken(account, http),
      };
    }),
    apns: attempt("apns", () => {
      const missing = (["APNS_KEY", "APNS_KEY_ID", "APNS_TEAM_ID", "APNS_TOPIC"] as const).filter(
        (k) => !env[k],
      );
      if (missing.length) throw new Error(`${missing.join(", ")} not set`);
      return {
        baseUrl: {
          production: checkUrl("APNS_BASE_URL", env.APNS_BASE_URL ?? NATIVE_DEFAULTS.APNS_BASE_URL),
          sandbox: checkUrl(
            "APNS_SANDBOX_BASE_URL",
            env.APNS_SANDBOX_BASE_URL ?? NATIVE_DEFAULTS.APNS_SANDBOX_BASE_URL,
          ),
        },
        topic: env.APNS_TOPIC!,
        auth: new ApnsProviderToken(
          { pem: env.APNS_KEY!, keyId: env.APNS_KEY_ID!, teamId: env.APNS_TEAM_ID! },
          http.now,
        ),
      };
    }),
    expo: attempt("expo", () => ({
      baseUrl: checkUrl("EXPO_BASE_URL", env.EXPO_BASE_URL ?? NATIVE_DEFAULTS.EXPO_BASE_URL),
      ...(env.EXPO_ACCESS_TOKEN ? { accessToken: env.EXPO_ACCESS_TOKEN } : {}),
    })),
  };
}
