import type { LiveWindows } from "./live.js";
import type { NotificationData, NotificationPayload } from "./protocol.js";
import type { NotificationOptionsLike, PushEventLike, RegistrationScope } from "./scope.js";

export interface NotifyOptions {
  icon?: string;
  badge?: string;
  fallbackTitle?: string;
}

/**
 * Shows a push as a notification, unless a visible window is live on its match (the socket already showed
 * the event; Chrome does not require a notification while a page of the origin is visible) or a later event
 * with the same tag is already shown (pushes may arrive out of order: a provisional goal never overwrites its
 * amendment). A push with the tag of a shown notification replaces it: the amendment names the scorer of the
 * provisional goal in place. It does not alert again: the phone buzzed once for the goal.
 */
export async function notify(
  registration: RegistrationScope,
  live: LiveWindows,
  data: PushEventLike["data"],
  options: NotifyOptions,
): Promise<void> {
  const text = data?.text() ?? "";
  const payload = parsePayload(text);
  const look: NotificationOptionsLike = {};
  if (options.icon) look.icon = options.icon;
  if (options.badge) look.badge = options.badge;
  // With userVisibleOnly every push must show something; a payload that is not Buzz's is shown as it came.
  if (!payload)
    return registration.showNotification(options.fallbackTitle ?? "Buzz", { ...look, body: text });
  const { title, body, tag, data: meta } = payload;
  // A window closing while it is asked makes postMessage throw; the push is then shown, never dropped.
  if (await live.isLiveOn(meta.match_id).catch(() => false)) return;
  const shown = await registration.getNotifications({ tag });
  if (shown.some((n) => sequenceOf(n.data) > meta.sequence_number)) return;
  // A goal during the fan's quiet hours (contract v1.1): on the screen, without sound or vibration.
  if (payload.silent === true) look.silent = true;
  await registration.showNotification(title, { ...look, body, tag, data: meta });
}

export function parsePayload(text: string): NotificationPayload | null {
  let value: Partial<NotificationPayload>;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const data = value?.data as Partial<NotificationData> | undefined;
  const ok =
    typeof value?.title === "string" &&
    typeof value.body === "string" &&
    typeof value.tag === "string" &&
    typeof data?.match_id === "string" &&
    typeof data.sequence_number === "number";
  return ok ? (value as NotificationPayload) : null;
}

const sequenceOf = (data: unknown) => {
  const n = (data as Partial<NotificationData> | null)?.sequence_number;
  return typeof n === "number" ? n : -Infinity;
};
