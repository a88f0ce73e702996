import type { NotificationData } from "./protocol.js";
import type { BuzzServiceWorkerScope, ClickedNotification } from "./scope.js";

const withoutHash = (url: string) => url.split("#")[0];

/** A click on a Buzz notification: focus a window already on its match page, or open one. */
export async function openOrFocus(
  scope: BuzzServiceWorkerScope,
  notification: ClickedNotification,
): Promise<void> {
  notification.close();
  const data = notification.data as Partial<NotificationData> | undefined;
  const url = new URL(typeof data?.url === "string" ? data.url : "./", scope.registration.scope).href;
  const windows = await scope.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((w) => withoutHash(w.url) === withoutHash(url));
  if (open) await open.focus();
  else await scope.clients.openWindow(url);
}
