import { type ApnsEnvironment, NATIVE_PUSH_PROVIDERS, type NativePushProvider } from "@buzz/schema/contract";
import { call, type DeviceAuth } from "./http.js";

export interface NativePushTokenOptions extends DeviceAuth {
  provider: NativePushProvider;
  /** The token the platform gave the app: FCM's registration token, the APNs device token (hex), or Expo's push token. */
  pushToken: string;
  /** APNs only: `"sandbox"` for a development build (default `"production"`). */
  environment?: ApnsEnvironment;
}

/**
 * React Native (or any native app): stores the platform's push token on the device with
 * `PUT /v1/devices/me/native-push-token` `{"provider", "token", "environment"?}`, for when the app is closed; the
 * device's pushes then go through FCM, APNs or Expo instead of Web Push. Call it on every
 * start and whenever the platform hands out a new token (FCM's onTokenRefresh); storing the same one again is harmless.
 */
export async function registerNativePushToken(options: NativePushTokenOptions): Promise<void> {
  const { provider, pushToken, environment } = options;
  if (!NATIVE_PUSH_PROVIDERS.includes(provider)) {
    throw new TypeError(
      `registerNativePushToken: provider must be one of ${NATIVE_PUSH_PROVIDERS.join(", ")}, not ${JSON.stringify(provider)}`,
    );
  }
  if (typeof pushToken !== "string" || pushToken === "")
    throw new TypeError("registerNativePushToken: pushToken is required");
  if (environment !== undefined && provider !== "apns")
    throw new TypeError("registerNativePushToken: environment is for APNs tokens only");
  await call(options, "PUT", "/v1/devices/me/native-push-token", {
    provider,
    token: pushToken,
    ...(environment ? { environment } : {}),
  });
}

/** `DELETE /v1/devices/me/native-push-token`: no more pushes to this app (the fan turned them off); follows stay. */
export async function unregisterNativePushToken(device: DeviceAuth): Promise<void> {
  await call(device, "DELETE", "/v1/devices/me/native-push-token");
}
