// Where a device's push goes: its Web Push subscription, or its native token (FCM, APNs, Expo). A tagged union,
// so each kind is handled on purpose; grouping and bookkeeping key on channelKey(), in memory only.
import type { ChannelRef, NotificationMessage } from "@buzz/queue";
import type { PushContext, PushResult, Subscription } from "./send.js";

/** A native push service's token for the device. */
export type NativeTarget = Omit<Extract<ChannelRef, { kind: "native" }>, "kind">;

export type Channel = { kind: "web"; subscription: Subscription } | { kind: "native"; target: NativeTarget };

/** A notification on its way through the device's native token, inside dispatch. */
export interface NativeNotification extends NotificationMessage {
  native: NativeTarget;
}

export type ChannelSender = (
  message: NotificationMessage,
  channel: Channel,
  context: PushContext,
) => Promise<PushResult>;

/** What the log and the carried outcomes name a channel by. */
export const refOf = (channel: Channel): ChannelRef =>
  channel.kind === "web"
    ? { kind: "web", endpoint: channel.subscription.endpoint }
    : { kind: "native", ...channel.target };

/** One key per channel for a batch's maps: Web Push endpoints are URLs, so they never meet "<provider>:<token>". */
export const channelKey = (ref: ChannelRef): string =>
  ref.kind === "web" ? ref.endpoint : `${ref.provider}:${ref.token}`;

/** For logs: the push service's origin, or the native provider. */
export const serviceOf = (channel: Channel): string =>
  channel.kind === "web" ? new URL(channel.subscription.endpoint).origin : channel.target.provider;
