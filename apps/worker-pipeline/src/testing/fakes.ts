// Test-only stand-ins for the Queues runtime (messages, batches, producers); contract-valid events come from
// @buzz/schema/testing.
import type { DbEnv } from "@buzz/db";
import { MAX_BATCH_BYTES, MAX_BATCH_MESSAGES } from "@buzz/queue";

export type Outcome = { ack: true } | { retry: { delaySeconds?: number } };

export interface FakeMessage extends Message {
  /** Every ack()/retry() call, in order: a consumer must make exactly one. */
  outcomes: Outcome[];
}

export function fakeMessage(id: string, body: unknown, attempts = 1): FakeMessage {
  const outcomes: Outcome[] = [];
  return {
    id,
    body,
    attempts,
    outcomes,
    timestamp: new Date("2026-06-14T18:00:00.000Z"),
    ack: () => void outcomes.push({ ack: true }),
    retry: (options?: QueueRetryOptions) => void outcomes.push({ retry: { ...options } }),
  };
}

export function fakeBatch(queue: string, messages: FakeMessage[]): MessageBatch {
  return {
    queue,
    messages,
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () =>
      messages.forEach((m) => {
        m.ack();
      }),
    retryAll: (options) =>
      messages.forEach((m) => {
        m.retry(options);
      }),
  } as MessageBatch;
}

/** The single outcome of each message, by id; throws if a message got none or several. */
export function outcomesOf(messages: FakeMessage[]): Record<string, "ack" | "retry"> {
  return Object.fromEntries(
    messages.map((m) => {
      if (m.outcomes.length !== 1)
        throw new Error(`message ${m.id} got ${m.outcomes.length} outcomes: ${JSON.stringify(m.outcomes)}`);
      return [m.id, "ack" in m.outcomes[0]! ? "ack" : "retry"];
    }),
  );
}

/**
 * A producer binding that keeps what it was sent and holds sendBatch to the platform's limits (measured as the
 * JSON the json content type stores, plus the documented ~100 bytes of metadata per message). `failures` makes
 * the next n calls throw, as an unavailable queue does.
 */
export class FakeQueue {
  batches: unknown[][] = [];
  sent: unknown[] = [];
  failures = 0;
  readonly encoder = new TextEncoder();

  /** requireJson: refuse bodies not sent with contentType "json" (what enrich and route send). */
  constructor(readonly requireJson = true) {}

  async send(body: unknown): Promise<void> {
    this.fail();
    this.sent.push(body);
  }

  async sendBatch(messages: Iterable<MessageSendRequest>): Promise<void> {
    this.fail();
    const list = [...messages];
    const bytes = list.reduce((n, m) => n + this.encoder.encode(JSON.stringify(m.body)).byteLength + 100, 0);
    if (list.length > MAX_BATCH_MESSAGES) throw new Error(`sendBatch of ${list.length} messages`);
    if (bytes > MAX_BATCH_BYTES) throw new Error(`sendBatch of ${bytes} bytes`);
    if (this.requireJson && list.some((m) => m.contentType !== "json"))
      throw new Error("bodies are sent as json");
    this.batches.push(list.map((m) => m.body));
    this.sent.push(...list.map((m) => m.body));
  }

  private fail() {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("Queue send failed: service unavailable");
    }
  }
}

/** An Env for a consumer under test: the database of a test backend and fake producers. */
export function testEnv(
  db: DbEnv,
  queues: Record<string, FakeQueue>,
  vars: Record<string, string> = {},
): Env {
  return { ...db, ...queues, ...vars } as unknown as Env;
}

/** A database URL nothing listens on: Postgres "down". */
export const DOWN: DbEnv = { DATABASE_URL: "postgres://postgres@127.0.0.1:9/buzz" };

export * from "@buzz/schema/testing";
