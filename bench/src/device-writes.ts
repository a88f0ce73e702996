// The device API with Postgres far from the Worker: a Worker cannot keep a connection between requests and Neon
// sits in one region, so each round trip to it is part of the fan's wait. A TCP proxy of the bench's own delays
// every chunk by BENCH_DEVICE_DELAY_MS (20) each way between the stack (through the Neon dev proxy) and PostgreSQL;
// each request's latency is printed beside the link's round trip, measured through the same proxy in the same run
// (a `select 1` on an open connection), and as a number of round trips: connecting, authenticating the device
// token and the request's own statements all count. Requests are sequential; the bench's Node process (this
// proxy, the client) shares the 2 cores with workerd and Postgres but is idle while it waits on its timers.
//   npm run bench:device-writes -w @buzz/bench   BENCH_DEVICE_DELAY_MS=20 BENCH_DEVICE_REQUESTS=20 (DATABASE_URL's server)
import { connect, createServer, type Socket } from "node:net";
import { startStack } from "@buzz/dev-stack";
import pg from "pg";
import { positiveInt } from "./env.js";
import { saveResult } from "./results.js";
import { summarize } from "./stats.js";

const DELAY_MS = positiveInt("BENCH_DEVICE_DELAY_MS", 20);
const REQUESTS = positiveInt("BENCH_DEVICE_REQUESTS", 20);
const server = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres");

/** Forwards to PostgreSQL, each chunk DELAY_MS later, in order. */
function delayLink() {
  const relay = (from: Socket, to: Socket) => {
    from.on("data", (chunk: Buffer) => setTimeout(() => to.write(chunk), DELAY_MS));
    from.on("close", () => setTimeout(() => to.destroy(), DELAY_MS));
    from.on("error", () => to.destroy());
  };
  // No Nagle on either side: a chunk held back until the previous one is acknowledged would add delayed-ACK waits
  // (up to 40 ms) that the link, not the code under test, causes.
  const link = createServer({ noDelay: true }, (client) => {
    const upstream = connect({ port: Number(server.port || 5432), host: server.hostname, noDelay: true });
    relay(client, upstream);
    relay(upstream, client);
  });
  return new Promise<{ port: number; close: () => void }>((resolve) =>
    link.listen(0, "127.0.0.1", () =>
      resolve({ port: (link.address() as { port: number }).port, close: () => link.close() }),
    ),
  );
}

const link = await delayLink();
const linked = new URL(server);
linked.hostname = "127.0.0.1";
linked.port = String(link.port);
const stack = await startStack({
  quiet: true,
  logLevel: "none",
  database: { url: linked.href, isolate: true },
});
const probe = new pg.Client({ connectionString: stack.database.url });

async function call(method: string, path: string, token?: string, body?: unknown): Promise<number> {
  const start = performance.now();
  const res = await fetch(stack.baseUrl + path, {
    method,
    headers: {
      ...(token && { Authorization: `Bearer ${token}` }),
      ...(body !== undefined && { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return performance.now() - start;
}

const register = async () =>
  (await (await fetch(`${stack.baseUrl}/v1/devices`, { method: "POST", body: "{}" })).json()) as {
    token: string;
  };
const P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";

try {
  await probe.connect();
  const rtt: number[] = [];
  const requests: Record<string, number[]> = {
    "PUT follows": [],
    "PUT push-subscription": [],
    "PUT native-push-token": [],
    "PUT preferences": [],
    "GET follows": [],
    "DELETE device": [],
  };
  const time = (name: string, ms: number) => requests[name]!.push(ms);
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    await probe.query("select 1");
    rtt.push(performance.now() - start);
    const { token } = await register();
    const tag = `${i}-${crypto.randomUUID()}`;
    time("PUT follows", await call("PUT", "/v1/devices/me/follows", token, { teams: ["FRA", "CRO"] }));
    time(
      "PUT push-subscription",
      await call("PUT", "/v1/devices/me/push-subscription", token, {
        endpoint: `https://fcm.googleapis.com/fcm/send/${tag}`,
        keys: { p256dh: P256DH, auth: "BTBZMqHH6r4Tts7J_aSIgg" },
      }),
    );
    time(
      "PUT native-push-token",
      await call("PUT", "/v1/devices/me/native-push-token", token, {
        provider: "expo",
        token: `ExponentPushToken[${tag.slice(0, 22)}]`,
      }),
    );
    time(
      "PUT preferences",
      await call("PUT", "/v1/devices/me/preferences", token, { categories: { cards: false } }),
    );
    time("GET follows", await call("GET", "/v1/devices/me/follows", token));
    time("DELETE device", await call("DELETE", "/v1/devices/me", token));
  }
  const trip = summarize(rtt).p50;
  console.log(
    `device-writes: ${DELAY_MS} ms added each way; the link's round trip (select 1, open connection) p50 ${trip.toFixed(1)} ms; ${REQUESTS} of each request, sequential`,
  );
  console.log(
    `${"request".padEnd(24)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"÷ round trip".padStart(13)}`,
  );
  const rows = Object.entries(requests).map(([name, samples]) => {
    const s = summarize(samples);
    console.log(
      `${name.padEnd(24)} ${s.p50.toFixed(0).padStart(8)} ${s.p99.toFixed(0).padStart(8)} ${(s.p50 / trip).toFixed(1).padStart(13)}`,
    );
    return { name, ...s, roundTrips: s.p50 / trip };
  });
  const file = saveResult("device-writes", {
    config: { delayMs: DELAY_MS, requests: REQUESTS },
    rttMs: trip,
    rows,
  });
  console.log(`device-writes: results written to ${file}`);
} finally {
  await probe.end().catch(() => {});
  await stack.stop();
  link.close();
}
