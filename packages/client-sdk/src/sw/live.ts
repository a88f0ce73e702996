import type { LiveMessage, LiveQuery } from "./protocol.js";
import type { ClientsLike, MessageEventLike, WindowClientLike } from "./scope.js";

type Port = { onmessage: ((event: { data: unknown }) => void) | null; close(): void };
type Channel = new () => { port1: Port; port2: unknown };

/**
 * Which matches each window of the app is live on, as the pages said (`linkServiceWorker` on the page side), by
 * client id. The browser stops an idle worker and this memory goes with it, so a visible window the worker has
 * not heard from since it started is asked, and given `replyTimeoutMs` to answer.
 */
export class LiveWindows {
  private readonly byClient = new Map<string, readonly string[]>();

  constructor(
    private readonly clients: ClientsLike,
    private readonly replyTimeoutMs: number,
  ) {}

  /** A page's `buzz:live` message; anything else is not ours and is ignored. */
  receive(event: MessageEventLike): void {
    const msg = event.data as Partial<LiveMessage> | null;
    if (msg?.type !== "buzz:live" || !Array.isArray(msg.matches) || !event.source) return;
    this.byClient.set(
      event.source.id,
      msg.matches.filter((m) => typeof m === "string"),
    );
  }

  /** Whether a visible window is live on the match right now: its socket shows the event, so no notification. */
  async isLiveOn(matchId: string): Promise<boolean> {
    const windows = await this.clients.matchAll({ type: "window", includeUncontrolled: true });
    const open = new Set(windows.map((w) => w.id));
    for (const id of this.byClient.keys()) if (!open.has(id)) this.byClient.delete(id);
    const visible = windows.filter((w) => w.visibilityState === "visible");
    const answers = await Promise.all(visible.map((w) => this.byClient.get(w.id) ?? this.ask(w)));
    return answers.some((matches) => matches.includes(matchId));
  }

  /** A window that does not answer in time (busy, or a page without the SDK) counts as live on nothing until it says otherwise. */
  private ask(client: WindowClientLike): Promise<readonly string[]> {
    const MessageChannel = (globalThis as unknown as { MessageChannel?: Channel }).MessageChannel;
    if (!MessageChannel) return Promise.resolve([]);
    const { port1, port2 } = new MessageChannel();
    return new Promise<readonly string[]>((resolve) => {
      const done = (matches: readonly string[]) => {
        clearTimeout(timer);
        port1.onmessage = null;
        port1.close();
        if (!this.byClient.has(client.id)) this.byClient.set(client.id, matches);
        resolve(this.byClient.get(client.id)!);
      };
      const timer = setTimeout(() => done([]), this.replyTimeoutMs);
      port1.onmessage = ({ data }) => {
        const msg = data as Partial<LiveMessage> | null;
        done(msg?.type === "buzz:live" && Array.isArray(msg.matches) ? msg.matches : []);
      };
      client.postMessage({ type: "buzz:live?" } satisfies LiveQuery, [port2]);
    });
  }
}
