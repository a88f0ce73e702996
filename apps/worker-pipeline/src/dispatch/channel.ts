// Where a device's push goes: its Web Push subscription, or its native token (FCM, APNs, Expo). A native token
// gets an endpoint-like key, "<provider>:<token>", so grouping, ordering and the subscription bookkeeping of a
// batch work on both alike; Web Push endpoints are http(s) URLs, so the two never collide.
import type { NativeTarget, NotificationMessage } from "../messages/index.js";
import type { PushContext, PushResult, Subscription } from "./send.js";

export interface NativeChannel {
  endpoint: string;
  native: NativeTarget;
}

export type Channel = Subscription | NativeChannel;

export type ChannelSender = (message: NotificationMessage, channel: Channel, context: PushContext) => Promise<PushResult>;

export const isNative = (channel: Channel): channel is NativeChannel => "native" in channel;

export const nativeKey = (target: Pick<NativeTarget, "provider" | "token">) => `${target.provider}:${target.token}`;

export function nativeChannel(target: NativeTarget): NativeChannel {
  return { endpoint: nativeKey(target), native: target };
}

/** For logs: the push service's origin, or the native provider. */
export const serviceOf = (channel: Channel) => (isNative(channel) ? channel.native.provider : new URL(channel.endpoint).origin);
