// A service worker's global scope for the sw tests: listeners, a notification tray that replaces by tag as
// browsers do, and window clients that answer (or not) the worker's question.
import type { LiveMessage, NotificationPayload } from "../sw/protocol.js";
import type { BuzzServiceWorkerScope, NotificationOptionsLike, WindowClientLike } from "../sw/scope.js";

export interface Shown extends NotificationOptionsLike {
  title: string;
}

export interface FakeWindow extends WindowClientLike {
  visibilityState: "visible" | "hidden";
  /** What this page answers when the worker asks; undefined = a page that never answers; "closing" = asking throws. */
  answer: string[] | undefined | "closing";
  focused: number;
  asked: number;
}

export function fakeScope(scopeUrl = "https://buzz.test/") {
  const listeners = new Map<string, (event: any) => void>();
  const tray: Shown[] = [];
  const windows: FakeWindow[] = [];
  const opened: string[] = [];
  /** Milliseconds the next showNotification calls take, one entry a call (a busy browser; Infinity: never done). */
  const showDelays: number[] = [];
  let ids = 0;
  const scope: BuzzServiceWorkerScope = {
    addEventListener: (type, cb) => void listeners.set(type, cb),
    registration: {
      scope: scopeUrl,
      showNotification: async (title, options = {}) => {
        const delay = showDelays.shift();
        if (delay === Number.POSITIVE_INFINITY) await new Promise(() => {});
        if (delay) await new Promise((r) => setTimeout(r, delay));
        const same = tray.findIndex((n) => options.tag !== undefined && n.tag === options.tag);
        const shown = { title, ...options };
        if (same >= 0) tray[same] = shown;
        else tray.push(shown);
      },
      getNotifications: async (filter = {}) =>
        tray.filter((n) => filter.tag === undefined || n.tag === filter.tag),
    },
    clients: {
      matchAll: async () => [...windows],
      openWindow: async (url) => void opened.push(url),
    },
  };

  /** Dispatches an extendable event and waits for what it passed to waitUntil. */
  async function fire(type: string, event: object) {
    const pending: Promise<unknown>[] = [];
    listeners.get(type)!({ ...event, waitUntil: (p: Promise<unknown>) => void pending.push(p) });
    await Promise.all(pending);
  }

  return {
    scope,
    tray,
    opened,
    showDelays,
    openWindow(
      url: string,
      visibilityState: "visible" | "hidden" = "visible",
      answer?: FakeWindow["answer"],
    ): FakeWindow {
      const w: FakeWindow = {
        id: `client-${++ids}`,
        url,
        visibilityState,
        answer,
        focused: 0,
        asked: 0,
        focus: async () => void w.focused++,
        postMessage: (_message, [port]) => {
          w.asked++;
          if (w.answer === "closing") throw new DOMException("the client is gone", "InvalidStateError");
          if (w.answer)
            (port as { postMessage(m: LiveMessage): void }).postMessage({
              type: "buzz:live",
              matches: w.answer,
            });
        },
      };
      windows.push(w);
      return w;
    },
    closeWindow(w: FakeWindow) {
      windows.splice(windows.indexOf(w), 1);
    },
    /** A page's `linkServiceWorker` reporting its live matches. */
    say(w: FakeWindow, matches: string[]) {
      listeners.get("message")!({ data: { type: "buzz:live", matches }, source: { id: w.id } });
    },
    push: (payload: NotificationPayload | string) =>
      fire("push", {
        data: { text: () => (typeof payload === "string" ? payload : JSON.stringify(payload)) },
      }),
    click: (data: unknown) => fire("notificationclick", { notification: { data, close() {} } }),
  };
}

export const goalPush = (
  matchId: string,
  sequence: number,
  body: string,
  tag = `${matchId}:goal-1`,
): NotificationPayload => ({
  title: "GOAL! France 1-0 Croatia",
  body,
  tag,
  data: {
    event_id: `ev-${sequence}`,
    match_id: matchId,
    sequence_number: sequence,
    url: `/sdk-demo/?match=${matchId}`,
  },
});
