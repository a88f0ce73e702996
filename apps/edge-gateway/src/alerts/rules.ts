// The alert rules, pure: measures in, states out. A rule fires when its measure crosses the threshold and
// resolves when it no longer does; each episode has its own id, so a receiver can tell a new one from a repeat.
import { ALERT_RULES, type Alert, type AlertRule } from "@buzz/schema/contract";

/** What the monitor measured over the last window. */
export interface Measures {
  publishDelayP99Ms: number | null;
  pushes: { failed: number; total: number };
  deadLetters: number;
  /** Oldest waiting work, s (0 when nothing waits). */
  backlogAgeS: number;
  unarchived: number;
}

/** Pushes needed in a window before a failure rate means anything. */
export const MIN_PUSHES = 10;

export type Evaluation = Partial<Record<AlertRule, { value: number; threshold: number; over: boolean }>>;

/** The rules the rooms alone can decide (when Postgres cannot be asked): unarchived events, outbox age. */
export function evaluateRooms(unarchived: number, outboxAgeS: number, backlogThresholdS: number): Evaluation {
  return {
    backlog_age: {
      value: Math.round(outboxAgeS),
      threshold: backlogThresholdS,
      over: outboxAgeS > backlogThresholdS,
    },
    unarchived_events: {
      value: unarchived,
      threshold: ALERT_RULES.unarchived_events,
      over: unarchived > ALERT_RULES.unarchived_events,
    },
  };
}

/** Each rule's value and whether it is over its threshold. */
export function evaluate(m: Measures, backlogThresholdS: number): Required<Evaluation> {
  const rate = m.pushes.total >= MIN_PUSHES ? m.pushes.failed / m.pushes.total : 0;
  const rule = (value: number, threshold: number) => ({ value, threshold, over: value > threshold });
  return {
    publish_delay_p99: rule(m.publishDelayP99Ms ?? 0, ALERT_RULES.publish_delay_p99),
    push_failure_rate: rule(Math.round(rate * 10_000) / 10_000, ALERT_RULES.push_failure_rate),
    dead_letters_growing: rule(m.deadLetters, ALERT_RULES.dead_letters_growing),
    backlog_age: rule(Math.round(m.backlogAgeS), backlogThresholdS),
    unarchived_events: rule(m.unarchived, ALERT_RULES.unarchived_events),
  };
}

/**
 * The alerts after this evaluation, and those whose state changed (to deliver to webhooks). A firing alert
 * keeps its id and `since` while it keeps firing; its value follows the measure. A rule the evaluation does not
 * cover (its measure could not be taken) keeps its state.
 */
export function transition(
  current: readonly Alert[],
  evaluation: Evaluation,
  now: string,
  newId: () => string,
): { alerts: Alert[]; changed: Alert[] } {
  const byRule = new Map(current.map((a) => [a.rule, a]));
  const alerts: Alert[] = [];
  const changed: Alert[] = [];
  for (const a of current) if (!(a.rule in evaluation)) alerts.push(a);
  for (const [rule, { value, threshold, over }] of Object.entries(evaluation) as [
    AlertRule,
    NonNullable<Evaluation[AlertRule]>,
  ][]) {
    const before = byRule.get(rule);
    const firing = before?.state === "firing";
    if (over && !firing) {
      const alert: Alert = { id: newId(), rule, state: "firing", since: now, value, threshold };
      alerts.push(alert);
      changed.push(alert);
    } else if (!over && firing) {
      const alert: Alert = { ...before!, state: "resolved", since: now, value };
      alerts.push(alert);
      changed.push(alert);
    } else if (before) {
      alerts.push(firing ? { ...before, value } : before);
    }
  }
  return { alerts, changed };
}
