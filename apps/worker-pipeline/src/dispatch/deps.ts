import type {
  ChannelUpdate,
  DeadLetter,
  LogLevel,
  LogUpdate,
  NotificationGroup,
  OutcomeRecord,
} from "@buzz/queue";
import type { ChannelSender } from "./channel.js";
import type { ClaimAnswer, ClaimKey } from "./claim.js";
import type { PushContext } from "./send.js";
import type { Target, TargetKey } from "./store.js";

/** Everything dispatch does outside itself, injected: Postgres, the push services, the queues, the log. */
export interface DispatchDeps {
  /** Every key's target (status null: no log row), or a rejection. */
  load(keys: TargetKey[]): Promise<Map<string, Target>>;
  /** Claims each key's log row for its message before the push goes out (claim.ts), or a rejection. */
  claim(keys: ClaimKey[]): Promise<Map<string, ClaimAnswer>>;
  /** Writes the outcomes; a row written is no longer claimed. */
  record(logs: LogUpdate[], channels: ChannelUpdate[]): Promise<void>;
  context(): Promise<PushContext>;
  send: ChannelSender;
  deadLetter(letter: DeadLetter): Promise<unknown>;
  carry(record: OutcomeRecord): Promise<unknown>;
  /** Puts a group's recipients that are to be tried again back on `notifications`, after `delaySeconds`. */
  resend(group: NotificationGroup, delaySeconds: number): Promise<unknown>;
  log(level: LogLevel, msg: string, fields: Record<string, unknown>): void;
  random?: () => number;
}
