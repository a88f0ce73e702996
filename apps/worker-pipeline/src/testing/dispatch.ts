// The dispatcher's world in memory, for run.test.ts: a notification log, subscriptions and a scripted push service,
// with what the dispatcher did to them.

import {
  type ChannelUpdate,
  type LogUpdate,
  MAX_RECIPIENTS,
  type NotificationGroup,
  type NotificationMessage,
  type OutcomeRecord,
  packNotifications,
} from "@buzz/queue";
import { vi } from "vitest";
import type { ClaimAnswer } from "../dispatch/claim.js";
import type { DispatchDeps } from "../dispatch/deps.js";
import { runDispatch } from "../dispatch/run.js";
import type { PushResult, Subscription } from "../dispatch/send.js";
import { keyOf, type Target } from "../dispatch/store.js";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
export const eventId = (n: number) => `0190a3e2-7b4c-7d3e-9f21-${hex(n, 12)}`;
export const deviceId = (n: number) => `6f1c2a9e-3b7d-4e8f-9a0b-${hex(n, 12)}`;
export const endpointOf = (device: number) => `https://push.example.net/push/${device}`;

interface Row {
  status: string;
  attempts: number;
  last_status: number | null;
  delivered_at: string | null;
}
interface SubRow extends Subscription {
  failure_count: number;
  last_success_at: string | null;
}

type Script = (PushResult | "pending")[];
export const delivered = (): PushResult => ({
  kind: "delivered",
  status: 201,
  at: new Date("2026-06-01T12:00:00Z"),
});
export const gone: PushResult = { kind: "gone", status: 410 };
export const failed = (status = 500, retryAfter?: number): PushResult => ({
  kind: "transient",
  status,
  reason: `HTTP ${status}`,
  ...(retryAfter === undefined ? {} : { retryAfter }),
});
export const refused: Extract<PushResult, { kind: "refused" }> = {
  kind: "refused",
  status: null,
  reason: "endpoint_not_allowed: not on the list",
};

/** Postgres and a push service in memory, with what the dispatcher did to them. */
export class World {
  log = new Map<string, Row>();
  /** Tag and sequence number of each logged notification, for where a push stands among the device's others. */
  meta = new Map<string, { device_id: string; tag: string; sequence: number }>();
  subs = new Map<string, SubRow>();
  scripts = new Map<string, Script>();
  requests: { endpoint: string; event_id: string }[] = [];
  letters: unknown[] = [];
  carried: OutcomeRecord[] = [];
  resent: { group: NotificationGroup; delaySeconds: number }[] = [];
  failResend = false;
  failLoad = false;
  failClaim = false;
  /** The claims are made, then the answer is lost (the connection dropped after the statement ran). */
  loseClaimAnswers = false;
  /**
   * Each claimed log row's owner (a message id), its attempt and the claiming invocation's token; the seconds another
   * copy is told to wait for it.
   */
  claims = new Map<string, { owner: string; attempt: number; token?: string }>();
  claimWait = 240;
  failRecord = false;
  failDeadLetter = false;
  inFlight = 0;
  peakInFlight = 0;
  private pending: (() => void)[] = [];

  device(n: number, subscribed = true) {
    if (subscribed)
      this.subs.set(deviceId(n), {
        endpoint: endpointOf(n),
        p256dh: "p",
        auth: "a",
        failure_count: 0,
        last_success_at: null,
      });
    return n;
  }

  /** A routed notification of event `event` (its sequence number too); `tag` defaults to one of its own. */
  notification(event: number, device: number, tag = `goal-${event}`): NotificationMessage {
    const key = { event_id: eventId(event), device_id: deviceId(device) };
    if (!this.log.has(keyOf(key)))
      this.log.set(keyOf(key), { status: "queued", attempts: 0, last_status: null, delivered_at: null });
    this.meta.set(keyOf(key), { device_id: key.device_id, tag, sequence: event });
    return {
      ...key,
      match_id: "wc2018-final",
      payload: {
        title: "t",
        body: "b",
        tag,
        data: { event_id: key.event_id, match_id: "wc2018-final", sequence_number: event, url: "/" },
      },
      ttl: 300,
      urgency: "high",
      topic: tag,
      routed_at: new Date().toISOString(),
    };
  }

  /** One message carrying event `event`'s push to each of `devices`, as route packs them. */
  group(event: number, devices: number[], attempts = 0, tag = `goal-${event}`): NotificationGroup {
    const [group] = packNotifications(
      devices.map((d) => this.notification(event, d, tag)),
      MAX_RECIPIENTS,
      { attempts },
    );
    return group!;
  }

  /** What loadTargets computes with placeAmong, from this world's tags and sequence numbers. */
  private placeOf(k: {
    event_id: string;
    device_id: string;
    tag: string;
    sequence_number: number;
  }): Target["place"] {
    const place: Target["place"] = { superseded: false, behind: [] };
    for (const [key, m] of this.meta) {
      if (m.device_id !== k.device_id || m.tag !== k.tag || key === keyOf(k)) continue;
      const status = this.log.get(key)?.status;
      if (status === "delivered" && m.sequence > k.sequence_number) place.superseded = true;
      if ((status === "queued" || status === "retrying") && m.sequence < k.sequence_number)
        place.behind.push(key.split("/")[0]!);
    }
    return place;
  }

  script(device: number, results: Script) {
    this.scripts.set(endpointOf(device), results);
  }

  status(event: number, device: number) {
    return this.log.get(keyOf({ event_id: eventId(event), device_id: deviceId(device) }));
  }

  releasePending() {
    for (const release of this.pending.splice(0)) release();
  }

  deps(): DispatchDeps {
    return {
      load: async (keys) => {
        if (this.failLoad) throw new Error("connection refused");
        const targets = new Map<string, Target>();
        for (const k of keys) {
          const row = this.log.get(keyOf(k));
          const sub = this.subs.get(k.device_id);
          const channel = sub
            ? {
                kind: "web" as const,
                subscription: { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth },
              }
            : null;
          targets.set(keyOf(k), {
            status: (row?.status ?? null) as Target["status"],
            channel,
            place: this.placeOf(k),
          });
        }
        return targets;
      },
      claim: async (keys) => {
        if (this.failClaim) throw new Error("connection reset");
        const answers = new Map<string, ClaimAnswer>();
        for (const k of keys) {
          const status = (this.log.get(keyOf(k))?.status ?? null) as ClaimAnswer["status"];
          const holder = this.claims.get(keyOf(k));
          const claimed =
            (status === "queued" || status === "retrying") &&
            (holder === undefined ||
              (holder.owner === k.owner && (holder.attempt < k.attempt || holder.token === k.token)));
          if (claimed) this.claims.set(keyOf(k), { owner: k.owner, attempt: k.attempt, token: k.token });
          answers.set(keyOf(k), { claimed, status, waitSeconds: claimed || !holder ? 0 : this.claimWait });
        }
        if (this.loseClaimAnswers) throw new Error("Connection terminated unexpectedly");
        return answers;
      },
      record: async (logs: LogUpdate[], channels: ChannelUpdate[]) => {
        if (this.failRecord) throw new Error("connection reset");
        for (const u of logs) {
          const row = this.log.get(keyOf(u));
          if (!row || row.status === "delivered" || row.status === "pruned" || row.status === "superseded")
            continue;
          this.claims.delete(keyOf(u));
          Object.assign(row, {
            status: u.status,
            attempts: row.attempts + u.requests,
            last_status: u.last_status ?? row.last_status,
            delivered_at: u.delivered_at ?? row.delivered_at,
          });
        }
        for (const s of channels) {
          for (const [device, sub] of this.subs) {
            if (s.channel.kind !== "web" || sub.endpoint !== s.channel.endpoint) continue;
            if (s.gone) this.subs.delete(device);
            else if (s.success_at)
              Object.assign(sub, { last_success_at: s.success_at, failure_count: s.failures });
            else sub.failure_count += s.failures;
          }
        }
      },
      context: async () => ({
        vapid: { authorization: async () => "vapid t=x, k=y" },
        allowEndpoint: () => true,
      }),
      send: async (message, channel) => {
        if (channel.kind !== "web") throw new Error("this world has Web Push subscriptions only");
        const { endpoint } = channel.subscription;
        this.requests.push({ endpoint, event_id: message.event_id });
        this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
        try {
          const next = this.scripts.get(endpoint)?.shift() ?? delivered();
          if (next !== "pending") return next;
          await new Promise<void>((resolve) => this.pending.push(resolve));
          return delivered();
        } finally {
          this.inFlight--;
        }
      },
      deadLetter: async (letter) => {
        if (this.failDeadLetter) throw new Error("queue unavailable");
        this.letters.push(letter);
      },
      carry: async (record) => void this.carried.push(record),
      resend: async (group, delaySeconds) => {
        if (this.failResend) throw new Error("queue unavailable");
        this.resent.push({ group, delaySeconds });
      },
      log: () => {},
      random: () => 0.5,
    };
  }
}

export interface FakeMessage {
  id: string;
  timestamp: Date;
  body: unknown;
  attempts: number;
  ack: ReturnType<typeof vi.fn>;
  retry: ReturnType<typeof vi.fn>;
}
let ids = 0;
export const message = (body: unknown, attempts = 1): FakeMessage => ({
  id: `m-${ids++}`,
  timestamp: new Date(),
  body,
  attempts,
  ack: vi.fn(),
  retry: vi.fn(),
});
export const run = (world: World, messages: FakeMessage[]) =>
  runDispatch(messages as unknown as Message[], world.deps());
export const settledAs = (m: FakeMessage) =>
  m.ack.mock.calls.length ? "ack" : m.retry.mock.calls.length ? { retry: m.retry.mock.calls[0]![0] } : "none";
