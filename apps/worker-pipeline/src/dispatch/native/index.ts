// Native pushes (React Native apps): FCM HTTP v1, APNs and Expo, chosen by the device's token. Each adapter
// answers a PushResult, so dispatch treats them exactly like Web Push (prune, retry, dead-letter, the account).
import type { NativePushProvider } from "@buzz/schema/contract";
import type { NativeNotification } from "../channel.js";
import type { PushResult } from "../send.js";
import { sendApns } from "./apns.js";
import type { NativeConfigs, NativeContext } from "./context.js";
import { sendExpo } from "./expo.js";
import { sendFcm } from "./fcm.js";
import type { HttpOptions } from "./http.js";

export {
  buildNativeContext,
  NATIVE_DEFAULTS,
  type NativeContext,
  type NativeEnv,
  nativeContext,
} from "./context.js";

type Adapter<P extends NativePushProvider> = (
  config: NativeConfigs[P],
  message: NativeNotification,
  http: HttpOptions,
) => Promise<PushResult>;

/** The provider table: a new provider is a new row (and a new key of NativePushProvider makes the compiler ask for it). */
const ADAPTERS: { [P in NativePushProvider]: Adapter<P> } = { fcm: sendFcm, apns: sendApns, expo: sendExpo };

export type NativeSender = (message: NativeNotification, context: NativeContext) => Promise<PushResult>;

export function createNativeSender(http: HttpOptions): NativeSender {
  return (message, context) => send(message.native.provider, message, context, http);
}

async function send<P extends NativePushProvider>(
  provider: P,
  message: NativeNotification,
  context: NativeContext,
  http: HttpOptions,
): Promise<PushResult> {
  const config = context[provider];
  // Not configured: retrying will not configure it; the dead letter says what is missing, and can be redriven.
  if (typeof config === "string") return { kind: "refused", status: null, reason: config };
  return ADAPTERS[provider](config as NativeConfigs[P], message, http);
}
