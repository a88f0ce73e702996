import type { ChannelUpdate, DeadLetter, LogLevel, LogUpdate, OutcomeRecord } from "@buzz/queue";
import type { ChannelSender } from "./channel.js";
import type { PushContext } from "./send.js";
import type { Target, TargetKey } from "./store.js";

/** Everything dispatch does outside itself, injected: Postgres, the push services, the queues, the log. */
export interface DispatchDeps {
  /** Every key's target (status null: no log row), or a rejection. */
  load(keys: TargetKey[]): Promise<Map<string, Target>>;
  record(logs: LogUpdate[], channels: ChannelUpdate[]): Promise<void>;
  context(): Promise<PushContext>;
  send: ChannelSender;
  deadLetter(letter: DeadLetter): Promise<unknown>;
  carry(record: OutcomeRecord): Promise<unknown>;
  log(level: LogLevel, msg: string, fields: Record<string, unknown>): void;
  random?: () => number;
}
