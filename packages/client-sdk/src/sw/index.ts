/**
 * `@buzz/client-sdk/sw` — the Buzz part of a service worker. In the worker script, at top level (the browser
 * only hears listeners added while the script first runs):
 *
 *     import { startBuzzServiceWorker } from "@buzz/client-sdk/sw";
 *     startBuzzServiceWorker(self);
 */
import { openOrFocus } from "./click.js";
import { LiveWindows } from "./live.js";
import { type NotifyOptions, notify } from "./notify.js";
import type {
  BuzzServiceWorkerScope,
  MessageEventLike,
  NotificationClickEventLike,
  PushEventLike,
} from "./scope.js";

export interface BuzzServiceWorkerOptions extends NotifyOptions {
  /** Icon and badge URLs for every notification. Default: none (the browser's). */
  icon?: string;
  badge?: string;
  /** Title for a push whose payload is not a Buzz notification. Default "Buzz". */
  fallbackTitle?: string;
  /**
   * How long a push waits for a visible window the worker has not heard from (it restarted) to say which
   * matches it is live on. Default 300 ms; no answer counts as live on none, so the notification is shown.
   */
  liveReplyTimeoutMs?: number;
  /**
   * How long a push waits for the one before it to be handled before it goes ahead anyway. Default 10 000 ms: a
   * notification the browser never finishes showing must not hold back every later push until it stops the worker.
   */
  pushTurnTimeoutMs?: number;
}

/** Adds Buzz's `push`, `notificationclick` and `message` listeners to the worker. Other listeners are left alone. */
export function startBuzzServiceWorker(
  scope: BuzzServiceWorkerScope,
  options: BuzzServiceWorkerOptions = {},
): void {
  const live = new LiveWindows(scope.clients, options.liveReplyTimeoutMs ?? 300);
  scope.addEventListener("message", (event: MessageEventLike) => live.receive(event));
  // One push at a time, in the order they arrived: handled side by side, a goal and its amendment both find no
  // notification with their tag and both show one, and the provisional goal's may land last.
  let previous: Promise<unknown> = Promise.resolve();
  const turn = options.pushTurnTimeoutMs ?? 10_000;
  scope.addEventListener("push", (event: PushEventLike) => {
    const handled = previous.then(() => notify(scope.registration, live, event.data, options));
    previous = settledOrAfter(handled, turn);
    event.waitUntil(handled);
  });
  scope.addEventListener("notificationclick", (event: NotificationClickEventLike) =>
    event.waitUntil(openOrFocus(scope, event.notification)),
  );
}

/** Resolves once `p` settles, or after `ms` if it has not by then. */
function settledOrAfter(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    p.then(done, done);
  });
}

export type { LiveMessage, LiveQuery, NotificationData, NotificationPayload } from "./protocol.js";
export type { BuzzServiceWorkerScope } from "./scope.js";
