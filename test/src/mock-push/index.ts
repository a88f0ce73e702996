// A mock Web Push service (RFC 8030) on loopback that is as strict as a real one, and stricter: it decrypts
// every message with the subscription's private key, so a test sees exactly what the phone would show.
//   const push = await startMockPush();  const sub = push.newSubscription();
//   push.script(sub.endpoint, [500, { status: 429, retryAfter: 2 }, "hang"]);  …  push.deliveries(sub.endpoint)
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { checkPushHeaders } from "./headers.js";
import { MAX_BODY, readBody, reply } from "./http.js";
import { DecryptError, decryptPushMessage } from "./receiver.js";
import {
  createSubscription,
  type MockSubscription,
  type PushSubscriptionJSON,
  type ScriptedResponse,
} from "./subscriptions.js";
import { verifyVapid } from "./vapid.js";

export type { PushSubscriptionJSON, ScriptedResponse } from "./subscriptions.js";

export interface Delivery {
  endpoint: string;
  /** The decrypted payload parsed as JSON (undefined when it is not JSON); `text` is the raw plaintext. */
  payload: unknown;
  text: string;
  ttl: number;
  urgency: string;
  topic?: string;
  vapid: { sub: string; exp: number; publicKey: string };
  headers: IncomingHttpHeaders;
  receivedAt: number;
}

/** Every request, accepted or not: the status answered ("hang" = never) and why when it was refused. */
export interface Attempt {
  endpoint: string;
  status: number | "hang";
  reason?: string;
  at: number;
}

export interface WaitOptions {
  endpoint?: string;
  timeoutMs?: number;
}

export interface MockPush {
  origin: string;
  newSubscription(options?: { applicationServerKey?: string }): PushSubscriptionJSON;
  script(endpoint: string, responses: ScriptedResponse[]): void;
  /** The user unsubscribed: 410 from now on. */
  unsubscribe(endpoint: string): void;
  deliveries(endpoint?: string): Delivery[];
  attempts(endpoint?: string): Attempt[];
  /** Resolves once `count` deliveries (to `endpoint`, if given) have been recorded. */
  waitForDeliveries(count: number, options?: WaitOptions): Promise<Delivery[]>;
  /** Resolves once `count` requests (to `endpoint`, if given), answered or not, have been seen: for retries and dead letters. */
  waitForAttempts(count: number, options?: WaitOptions): Promise<Attempt[]>;
  close(): Promise<void>;
}

export async function startMockPush(
  options: { tls?: { key: string | Buffer; cert: string | Buffer } } = {},
): Promise<MockPush> {
  const subscriptions = new Map<string, MockSubscription>();
  const deliveries: Delivery[] = [];
  const attempts: Attempt[] = [];
  const waiters = new Set<() => boolean>();
  const hanging = new Set<ServerResponse>();
  let origin = "";

  const byEndpoint = (endpoint: string) => {
    const sub = subscriptions.get(new URL(endpoint).pathname.replace(/^\/push\//, ""));
    if (!sub) throw new Error(`mock push: no subscription ${endpoint}`);
    return sub;
  };

  function attempt(a: Attempt) {
    attempts.push(a);
    for (const check of waiters) check();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const id = /^\/push\/([\w-]+)$/.exec(new URL(req.url ?? "/", origin).pathname)?.[1];
    const sub = id === undefined ? undefined : subscriptions.get(id);
    const endpoint = sub?.json.endpoint ?? `${origin}${req.url}`;
    const refuse = (status: number, reason: string, headers?: Record<string, string>) => {
      attempt({ endpoint, status, reason, at: Date.now() });
      reply(res, status, reason, headers);
    };
    if (req.method !== "POST") return refuse(405, "push messages are POSTed", { allow: "POST" });
    if (!sub) return refuse(404, "no such subscription");
    const body = await readBody(req);
    if (sub.gone) return refuse(410, "the subscription has expired or the user unsubscribed");
    if (!body) return refuse(413, `push message body larger than ${MAX_BODY} bytes`);

    const vapid = await verifyVapid(req.headers.authorization, origin);
    if (!vapid.ok) return refuse(401, vapid.message);
    if (sub.applicationServerKey && vapid.publicKey !== sub.applicationServerKey) {
      return refuse(403, "the VAPID key is not the applicationServerKey this subscription was created with");
    }
    const headers = checkPushHeaders(req.headers);
    if (typeof headers === "string") return refuse(400, headers);
    let plaintext: Buffer;
    try {
      plaintext = await decryptPushMessage(body, await sub.keys());
    } catch (err) {
      if (err instanceof DecryptError) return refuse(400, `cannot decrypt: ${err.message}`);
      throw err;
    }

    const next = sub.script.shift() ?? 201;
    if (next === "hang") {
      attempt({ endpoint, status: "hang", at: Date.now() });
      hanging.add(res);
      return;
    }
    const { status, retryAfter } = typeof next === "number" ? { status: next, retryAfter: undefined } : next;
    if (status !== 201) {
      return refuse(
        status,
        "scripted response",
        retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
      );
    }
    const text = plaintext.toString("utf8");
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
    const { claims } = vapid;
    deliveries.push({
      endpoint,
      payload,
      text,
      ...headers,
      vapid: { sub: claims.sub, exp: claims.exp, publicKey: vapid.publicKey },
      headers: req.headers,
      receivedAt: Date.now(),
    });
    attempt({ endpoint, status: 201, at: Date.now() });
    res.writeHead(201, { location: `${origin}/message/${deliveries.length}` }).end();
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) reply(res, 500, `mock push bug: ${(err as Error).message}`);
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const filter = <T extends { endpoint: string }>(list: T[], endpoint?: string) =>
    endpoint === undefined ? [...list] : list.filter((x) => x.endpoint === endpoint);

  function until<T>(what: string, read: () => T[], count: number, timeoutMs = 30_000): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const got = read();
        if (got.length < count) return false;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(got);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`mock push: ${read().length} of ${count} ${what} after ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  }

  return {
    origin,
    newSubscription(opts = {}) {
      const sub = createSubscription(origin, opts.applicationServerKey);
      subscriptions.set(sub.id, sub);
      return structuredClone(sub.json);
    },
    script(endpoint, responses) {
      byEndpoint(endpoint).script.push(...responses);
    },
    unsubscribe(endpoint) {
      byEndpoint(endpoint).gone = true;
    },
    deliveries: (endpoint) => filter(deliveries, endpoint),
    attempts: (endpoint) => filter(attempts, endpoint),
    waitForDeliveries: (count, options) =>
      until("deliveries", () => filter(deliveries, options?.endpoint), count, options?.timeoutMs),
    waitForAttempts: (count, options) =>
      until("attempts", () => filter(attempts, options?.endpoint), count, options?.timeoutMs),
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
