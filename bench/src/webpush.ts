// Web Push throughput per core, one run, three contenders against the same strict mock push service:
//   (a) @buzz/web-push: buildPushRequest + fetch, in workerd (where the dispatcher runs) and in Node
//   (b) the `web-push` package's sendNotification (Node)
//   (c) the crypto floor: ECDH + HKDF + AES-GCM per message, nothing else (node:crypto and WebCrypto)
// The mock (test/src/mock-push: decrypts every message, verifies every VAPID token) runs in its own process over
// TLS (web-push only speaks https); each contender runs in a fresh child process, in interleaved rounds, and its
// CPU time (user + system, all threads; for workerd, the workerd process plus the Node process driving it) is
// what "per core" divides by. The mock counts the TCP connections each run opens: both sides keep theirs alive.
// workerd is run two ways. Miniflare's default sends every outbound fetch through its own extra Worker
// (strip-cf-connecting-ip: a JS hop that copies the headers and fetches again, ~80 µs of CPU per push here) that
// production does not have; "(a)" turns it off (stripCfConnectingIp: false) so the Worker's fetch goes straight
// out as on Cloudflare, and the old method (the hop included) is still run and printed beside it.
//   npx tsx bench/src/webpush.ts      BENCH_WEBPUSH_N=3000 BENCH_WEBPUSH_ROUNDS=3 BENCH_WEBPUSH_CONCURRENCY=32
//     BENCH_WEBPUSH_SUBSCRIPTIONS=256 (above 4096, @buzz/web-push's per-subscription cache never hits: the cold case)
//     BENCH_WEBPUSH_ONLY=buzz-workerd,web-push (a subset of the contenders)
import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { createCipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildPushRequest,
  encryptPayload,
  endpointAllowList,
  generateVapidKeys,
  importVapidKeys,
  VapidTokenCache,
  type WebCryptoKey,
} from "@buzz/web-push";
import webpush from "web-push";
import { type PushSubscriptionJSON, startMockPush } from "../../test/src/mock-push/index.js";
import { positiveInt } from "./env.js";
import { saveResult } from "./results.js";
import { median } from "./stats.js";

const SELF = fileURLToPath(import.meta.url);
const N = positiveInt("BENCH_WEBPUSH_N", 3000);
const ROUNDS = positiveInt("BENCH_WEBPUSH_ROUNDS", 3);
const CONCURRENCY = positiveInt("BENCH_WEBPUSH_CONCURRENCY", 32);
const WARMUP = Math.min(500, Math.ceil(N / 5));
const SUBSCRIPTIONS = positiveInt("BENCH_WEBPUSH_SUBSCRIPTIONS", 256);
const SUBJECT = "mailto:bench@buzz.example";
// The contract's payload shape (DESIGN.md, Push), at a realistic size.
const PAYLOAD = JSON.stringify({
  title: "⚽ BUT ! Griezmann (France)",
  body: "France 2-1 Croatie [38'] — penalty",
  tag: "goal-wc2018-final-3",
  data: {
    event_id: "0192f3a4-7c1e-7b2a-9d44-5f8e2a1c9b03",
    match_id: "wc2018-final",
    sequence_number: 57,
    url: "/matches/wc2018-final",
  },
});

const CONTENDERS = [
  "buzz-workerd",
  "buzz-workerd-hop",
  "buzz",
  "web-push",
  "buzz-workerd-build",
  "buzz-build",
  "web-push-build",
  "floor-node",
  "floor-webcrypto",
] as const;
type Contender = (typeof CONTENDERS)[number];
const SENDERS: readonly Contender[] = ["buzz-workerd", "buzz-workerd-hop", "buzz", "web-push"];
const SECTIONS: [string, [Contender, string][]][] = [
  [
    "build + send to the mock over TLS",
    [
      ["buzz-workerd", "(a) @buzz/web-push in workerd"],
      ["buzz-workerd-hop", "    same, through Miniflare's outbound hop (old)"],
      ["buzz", "    @buzz/web-push in Node"],
      ["web-push", "(b) web-push sendNotification (Node)"],
    ],
  ],
  [
    "build only: encryption + VAPID + headers, no HTTP",
    [
      ["buzz-workerd-build", "    @buzz/web-push in workerd"],
      ["buzz-build", "    @buzz/web-push in Node"],
      ["web-push-build", "    web-push generateRequestDetails (Node)"],
    ],
  ],
  [
    "crypto floor: ECDH + HKDF + AES-GCM per message only",
    [
      ["floor-node", "(c) node:crypto, synchronous"],
      ["floor-webcrypto", "    WebCrypto in Node"],
    ],
  ],
];
interface Job {
  contender: Contender;
  subs: PushSubscriptionJSON[];
  vapid: { publicKey: string; privateKey: string };
  n: number;
}
interface MockStats {
  answers: Record<string, number>;
  connections: number;
}
interface Result {
  ok: number;
  failed: number;
  failures: string[];
  cpuMs: number;
  wallMs: number;
  split?: { workerdMs: number; driverMs: number };
}

/** Runs `work(i)` for i in [0, n) with `concurrency` in flight. */
async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

async function makeSender(job: Job): Promise<(i: number) => Promise<string | undefined>> {
  const subs = job.subs;
  const sub = (i: number) => subs[i % subs.length]!;
  const payload = new TextEncoder().encode(PAYLOAD);
  switch (job.contender) {
    case "buzz":
    case "buzz-build": {
      const vapid = new VapidTokenCache({ keys: await importVapidKeys(job.vapid), subject: SUBJECT });
      const allowEndpoint = endpointAllowList(["https://127.0.0.1"]);
      const send = job.contender === "buzz";
      return async (i) => {
        const { url, init } = await buildPushRequest({
          subscription: sub(i),
          allowEndpoint,
          payload: PAYLOAD,
          vapid,
          ttl: 3600,
          urgency: "high",
          topic: "goal-3",
        });
        if (!send) return undefined;
        const res = await fetch(url, init);
        const text = await res.text();
        return res.status === 201 ? undefined : `${res.status} ${text}`;
      };
    }
    case "web-push":
    case "web-push-build": {
      const agent = new Agent({ keepAlive: true });
      const options = {
        vapidDetails: { subject: SUBJECT, ...job.vapid },
        TTL: 3600,
        urgency: "high" as const,
        topic: "goal-3",
        contentEncoding: "aes128gcm" as const,
        agent,
      };
      if (job.contender === "web-push-build") {
        return async (i) => void webpush.generateRequestDetails(sub(i), PAYLOAD, options);
      }
      return async (i) => {
        try {
          const res = await webpush.sendNotification(sub(i), PAYLOAD, options);
          return res.statusCode === 201 ? undefined : `${res.statusCode} ${res.body}`;
        } catch (err) {
          return String((err as { statusCode?: number; body?: string }).body ?? err);
        }
      };
    }
    case "floor-node": {
      const sender = createECDH("prime256v1");
      sender.generateKeys();
      const keys = subs.map((s) => ({
        p256dh: Buffer.from(s.keys.p256dh, "base64url"),
        auth: Buffer.from(s.keys.auth, "base64url"),
      }));
      return async (i) => {
        const k = keys[i % keys.length]!;
        const secret = sender.computeSecret(k.p256dh);
        const ikm = Buffer.from(
          hkdfSync(
            "sha256",
            secret,
            k.auth,
            Buffer.concat([Buffer.from("WebPush: info\0"), k.p256dh, sender.getPublicKey()]),
            32,
          ),
        );
        const salt = randomBytes(16);
        const cek = Buffer.from(hkdfSync("sha256", ikm, salt, "Content-Encoding: aes128gcm\0", 16));
        const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, "Content-Encoding: nonce\0", 12));
        const cipher = createCipheriv("aes-128-gcm", cek, nonce);
        Buffer.concat([
          cipher.update(payload),
          cipher.update(Buffer.of(2)),
          cipher.final(),
          cipher.getAuthTag(),
        ]);
        return undefined;
      };
    }
    case "buzz-workerd":
    case "buzz-workerd-hop":
    case "buzz-workerd-build":
      throw new Error("runs through runInWorkerd");
    case "floor-webcrypto": {
      // Same work through WebCrypto: one sender pair for all (no key generation), subscription keys imported up front.
      const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, [
        "deriveKey",
      ])) as { publicKey: WebCryptoKey; privateKey: WebCryptoKey };
      const senderPublic = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
      const keys = await Promise.all(
        subs.map(async (s) => {
          const p256dh = new Uint8Array(Buffer.from(s.keys.p256dh, "base64url"));
          const key = await crypto.subtle.importKey(
            "raw",
            p256dh,
            { name: "ECDH", namedCurve: "P-256" },
            false,
            [],
          );
          return { p256dh, auth: new Uint8Array(Buffer.from(s.keys.auth, "base64url")), key };
        }),
      );
      const sender = { publicKey: senderPublic, privateKey: pair.privateKey };
      return async (i) => {
        const k = keys[i % keys.length]!;
        await encryptPayload(payload, k, { sender });
        return undefined;
      };
    }
  }
}

/**
 * Every contender's process starts its clock with the garbage of its start-up (module loading, bundling, Miniflare)
 * already collected, so none is charged for a collection of what it did not do per message.
 */
const settle = () => (globalThis as { gc?: () => void }).gc?.();

/** Child: one contender, warm-up then N measured messages, CPU time of this whole process. */
async function runContender(job: Job): Promise<Result> {
  const send = await makeSender(job);
  await pool(WARMUP, CONCURRENCY, async (i) => void (await send(i)));
  settle();
  const failures: string[] = [];
  let ok = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(job.n, CONCURRENCY, async (i) => {
    // Measured messages go on from where the warm-up stopped: with many subscriptions, none was seen before.
    const failure = await send(WARMUP + i);
    if (failure === undefined) ok++;
    else if (failures.push(failure) > 5) failures.length = 5;
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ok, failed: job.n - ok, failures, cpuMs: (cpu.user + cpu.system) / 1000, wallMs };
}

// The dispatcher's view: a Worker sending a batch, at most 6 connections per invocation (the Workers limit),
// several invocations at once (as several queue-consumer batches would be).
const WORKER_SOURCE = `
import { VapidTokenCache, buildPushRequest, endpointAllowList, importVapidKeys } from "@buzz/web-push";
let vapid;
export default {
  async fetch(request) {
    const job = await request.json();
    vapid ??= new VapidTokenCache({ keys: await importVapidKeys(job.vapid), subject: job.subject });
    const allowEndpoint = endpointAllowList(["https://127.0.0.1"]);
    let next = job.from, ok = 0;
    const end = job.from + job.n, failures = [];
    await Promise.all(Array.from({ length: 6 }, async () => {
      while (next < end) {
        const i = next++;
        const { url, init } = await buildPushRequest({ subscription: job.subs[i - job.from], allowEndpoint, payload: job.payload, vapid, ttl: 3600, urgency: "high", topic: "goal-3" });
        if (!job.send) { ok++; continue; }
        const res = await fetch(url, init);
        const text = await res.text();
        if (res.status === 201) ok++; else if (failures.length < 5) failures.push(res.status + " " + text);
      }
    }));
    return Response.json({ ok, failures });
  },
};`;
const BATCH = Number(process.env.BENCH_WEBPUSH_BATCH ?? 250);

/** utime + stime of this process's child processes (workerd), from /proc, in ms. */
function childrenCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we listed /proc
    }
  }
  return ticks * 10; // CLK_TCK = 100 on Linux
}

async function runInWorkerd(job: Job): Promise<Result> {
  const { build } = await import("esbuild");
  const { Miniflare } = await import("miniflare");
  const bundle = await build({
    stdin: { contents: WORKER_SOURCE, resolveDir: dirname(SELF), loader: "js" },
    bundle: true,
    format: "esm",
    write: false,
    logLevel: "warning",
  });
  // Miniflare hands NODE_EXTRA_CA_CERTS to workerd, so the Worker trusts the mock's certificate.
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: "2025-09-01",
    stripCfConnectingIp: job.contender === "buzz-workerd-hop",
  });
  // Each batch carries only its own subscriptions, so the JSON the Worker parses does not grow with their number.
  const body = (from: number, n: number) => {
    const subs = Array.from({ length: n }, (_, k) => job.subs[(from + k) % job.subs.length]);
    return JSON.stringify({
      subs,
      vapid: job.vapid,
      subject: SUBJECT,
      payload: PAYLOAD,
      from,
      n,
      send: job.contender !== "buzz-workerd-build",
    });
  };
  const batches = async (total: number, offset = 0) => {
    const replies: { ok: number; failures: string[] }[] = [];
    await pool(Math.ceil(total / BATCH), Math.max(1, Math.floor(CONCURRENCY / 6)), async (b) => {
      const res = await mf.dispatchFetch("http://bench/", {
        method: "POST",
        // Else Miniflare's entry Worker gzips each batch's answer (as Cloudflare's edge would for a browser) and the
        // driver gunzips it: harness work billed to the sender, seen in the driver's CPU profile.
        headers: { "Accept-Encoding": "identity" },
        body: body(offset + b * BATCH, Math.min(BATCH, total - b * BATCH)),
      });
      replies.push((await res.json()) as { ok: number; failures: string[] });
    });
    return replies;
  };
  try {
    await batches(WARMUP);
    // /proc is scanned before the driver's clock starts: the scan is the bench's own work, not the sender's.
    settle();
    const child0 = childrenCpuMs();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const replies = await batches(job.n, WARMUP);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const ok = replies.reduce((n, r) => n + r.ok, 0);
    const workerdMs = childrenCpuMs() - child0;
    const driverMs = (cpu.user + cpu.system) / 1000;
    const cpuMs = workerdMs + driverMs;
    return {
      ok,
      failed: job.n - ok,
      failures: replies.flatMap((r) => r.failures).slice(0, 5),
      cpuMs,
      wallMs,
      split: { workerdMs, driverMs },
    };
  } finally {
    await mf.dispose();
  }
}

/**
 * A bench process, once it says it listens: an ES module child can drop a message that arrives before its listener
 * is attached (nodejs/node#41134); a run here once waited forever on the mock's first answer.
 */
async function child(mode: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const proc = fork(SELF, [mode], {
    env: { ...process.env, ...env },
    // --liftoff-only: V8 would otherwise tier the WebAssembly loaded at start-up (cjs-module-lexer, undici's llhttp)
    // up to TurboFan on a background thread during the measured window: ~170 ms of the workerd driver's CPU per
    // run (seen with perf), none of it the sender's. Node's own https (web-push) runs no WebAssembly.
    execArgv: [...process.execArgv, "--expose-gc", "--liftoff-only"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) =>
      reject(new Error(`${mode} exited with ${code} before it listened`));
    proc.once("exit", exited);
    proc.once("message", () => {
      proc.off("exit", exited);
      resolve();
    });
  });
  return proc;
}
const ask = <T>(proc: ChildProcess, message: unknown) =>
  new Promise<T>((resolve, reject) => {
    // The mock is asked many times: each question takes its listeners back once answered.
    const exited = (code: number | null) => reject(new Error(`child exited with ${code}`));
    proc.once("exit", exited);
    proc.once("message", (m) => {
      proc.off("exit", exited);
      resolve(m as T);
    });
    proc.send(message as object);
  });

async function orchestrate() {
  const dir = mkdtempSync(join(tmpdir(), "buzz-webpush-bench-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "ignore" },
  );
  const mock = await child("--mock", {});
  try {
    const { origin, subs } = await ask<{ origin: string; subs: PushSubscriptionJSON[] }>(mock, {
      tls: { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") },
      subscriptions: SUBSCRIPTIONS,
    });
    const vapid = await generateVapidKeys();
    console.log(
      `web-push bench: mock push service at ${origin} (TLS, decrypts + verifies every message), ${SUBSCRIPTIONS} subscriptions`,
    );
    console.log(
      `N=${N} messages per run after ${WARMUP} warm-up, ${CONCURRENCY} in flight, ${ROUNDS} interleaved rounds; each run in a fresh process\n`,
    );

    const only = process.env.BENCH_WEBPUSH_ONLY?.split(",");
    const runs = new Map<Contender, Result[]>(
      CONTENDERS.filter((c) => !only || only.includes(c)).map((c) => [c, []]),
    );
    for (let round = 1; round <= ROUNDS; round++) {
      for (const contender of runs.keys()) {
        const proc = await child("--contender", { NODE_EXTRA_CA_CERTS: certFile });
        const before = await ask<MockStats>(mock, "stats");
        const result = await ask<Result>(proc, { contender, subs, vapid, n: N } satisfies Job);
        const after = await ask<MockStats>(mock, "stats");
        runs.get(contender)!.push(result);
        const rate = (N / result.cpuMs) * 1000;
        const connections = after.connections - before.connections;
        console.log(
          `round ${round} ${contender.padEnd(18)} ${rate.toFixed(0).padStart(7)} msg/s per core  (${result.ok} ok, ${result.failed} failed${connections ? `, ${connections} TLS connections to the mock` : ""}${
            result.split
              ? `; CPU: workerd ${result.split.workerdMs.toFixed(0)} ms + Node driver ${result.split.driverMs.toFixed(0)} ms`
              : ""
          })`,
        );
        if (result.failed) console.log(`  failures: ${result.failures.join(" | ")}`);
      }
    }
    const mockStats = await ask<MockStats>(mock, "stats");
    const sent = [...runs.keys()].filter((c) => SENDERS.includes(c)).length * ROUNDS * (N + WARMUP);
    const perMessage = report(runs);
    saveResult("webpush", {
      config: { n: N, rounds: ROUNDS, concurrency: CONCURRENCY },
      cpuUsPerMessage: perMessage,
    });
    console.log(`\nmock push service answers: ${JSON.stringify(mockStats.answers)} (expected ${sent} × 201)`);
  } finally {
    mock.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the table; returns each contender's median CPU µs per message. */
function report(runs: Map<Contender, Result[]>): Record<string, number> {
  const of = (c: Contender, f: (r: Result) => number) =>
    runs.get(c)?.length ? median(runs.get(c)!.map(f)) : NaN;
  const perCore = (c: Contender) => of(c, (r) => (N / r.cpuMs) * 1000);
  const wall = (c: Contender) => of(c, (r) => (N / r.wallMs) * 1000);
  const usPerMsg = (c: Contender) => of(c, (r) => (r.cpuMs * 1000) / N);
  const header = ["median of rounds", "msg/s per core", "CPU µs/msg", "msg/s wall"];
  const rows = SECTIONS.flatMap(([title, list]) => [
    [title, "", "", ""],
    ...list
      .filter(([c]) => runs.has(c))
      .map(([c, label]) => [label, perCore(c).toFixed(0), usPerMsg(c).toFixed(1), wall(c).toFixed(0)]),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[1] === "" ? 0 : r[i]!.length))),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows) console.log(r[1] === "" ? r[0] : line(r));
  const x = (a: Contender, b: Contender) =>
    runs.has(a) && runs.has(b) ? `${(perCore(a) / perCore(b)).toFixed(2)}×` : "not run";
  console.log(`
(a) / (b)  send, @buzz/web-push in workerd vs web-push, per core:  ${x("buzz-workerd", "web-push")}   (target ≥ 3×)
           same, old method (Miniflare's outbound hop included):   ${x("buzz-workerd-hop", "web-push")}
           send, @buzz/web-push in Node vs web-push, per core:     ${x("buzz", "web-push")}
           build only, in workerd vs web-push's, per core:         ${x("buzz-workerd-build", "web-push-build")}
           build only, in Node vs web-push's, per core:            ${x("buzz-build", "web-push-build")}
(a) / (c)  send in workerd vs the node:crypto floor:               ${x("buzz-workerd", "floor-node")}
(b) / (c)  web-push send vs the node:crypto floor:                 ${x("web-push", "floor-node")}`);
  const buzz = runs.get("buzz-workerd");
  const rival = runs.get("web-push");
  if (buzz?.length && rival?.length) {
    // Round by round (each pair ran back to back), so "every run" is read, not inferred from the median.
    const ratios = buzz.map((r, i) => (rival[i] ? rival[i]!.cpuMs / r.cpuMs : NaN));
    console.log(
      `           per round: ${ratios.map((q) => `${q.toFixed(2)}×`).join(", ")} — ≥ 3× in every round: ${ratios.every((q) => q >= 3) ? "yes" : "NO"}`,
    );
  }
  return Object.fromEntries([...runs.keys()].map((c) => [c, usPerMsg(c)]));
}

if (process.argv[2] === "--mock") {
  process.once("message", async (config: { tls: { key: string; cert: string }; subscriptions: number }) => {
    // Every TCP connection the mock accepts, so the report shows whether each contender reuses its connections.
    let connections = 0;
    subscribe("net.server.socket", () => void connections++);
    const mock = await startMockPush({ tls: config.tls });
    const subs = Array.from({ length: config.subscriptions }, () => mock.newSubscription());
    process.send!({ origin: mock.origin, subs });
    process.on("message", (m) => {
      if (m !== "stats") return;
      const answers: Record<string, number> = {};
      for (const a of mock.attempts()) answers[a.status] = (answers[a.status] ?? 0) + 1;
      process.send!({ answers, connections } satisfies MockStats);
    });
  });
  process.send!("listening");
} else if (process.argv[2] === "--contender") {
  process.once("message", async (job: Job) => {
    const result = job.contender.startsWith("buzz-workerd")
      ? await runInWorkerd(job)
      : await runContender(job);
    process.send!(result, () => process.exit(0));
  });
  process.send!("listening");
} else {
  await orchestrate();
}
