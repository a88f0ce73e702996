// VAR reviews (contract v1.1): one at a time, the end names the review, and an overturned goal review takes the
// goal off the score by a GOAL_CANCELLED the room sequences itself, right after the decision.
import type { EventInput, EventInputOf, MatchState, PublishedEvent } from "@buzz/schema/contract";
import { DomainError } from "../errors/domain.js";
import type { Publish } from "./decide.js";

const clockOf = (e: EventInputOf<"VAR_REVIEW_STARTED" | "VAR_REVIEW_ENDED">) => ({
  match_period: e.data.match_period!,
  match_minute: e.data.match_minute!,
  stoppage_minute: e.data.stoppage_minute!,
});

function unknownCause(message: string, code: string): never {
  throw new DomainError(422, code, message, [{ path: ["metadata", "causation_id"], message }]);
}

export function reviewStarted(s: MatchState, e: EventInputOf<"VAR_REVIEW_STARTED">): Publish {
  if (s.var_review)
    throw new DomainError(
      409,
      "var_review_in_progress",
      `a VAR review (${s.var_review.reason}, ${s.var_review.event_id}) is running; it must end before another starts`,
    );
  const cause = e.metadata?.causation_id ?? null;
  if (e.data.reason === "GOAL" && !cause)
    unknownCause(
      "a GOAL review needs a goal: none is on the score, and metadata.causation_id names none",
      "unknown_goal",
    );
  if (cause && e.data.reason === "GOAL") {
    const goal = s.goals.find((g) => g.event_id === cause);
    if (!goal) unknownCause(`metadata.causation_id ${cause} is not a goal of this match`, "unknown_goal");
    if (goal.cancelled)
      throw new DomainError(409, "goal_already_cancelled", `goal ${cause} was already cancelled`);
  } else if (cause) {
    const known = [...s.goals, ...s.cards, ...s.substitutions, ...s.shootout].some(
      (x) => x.event_id === cause,
    );
    if (!known) unknownCause(`metadata.causation_id ${cause} is not an event of this match`, "unknown_event");
  }
  return {
    kind: "publish",
    status: "sequenced",
    event_type: "VAR_REVIEW_STARTED",
    data: { reason: e.data.reason, ...clockOf(e) },
    causation_id: cause,
  };
}

export function reviewEnded(s: MatchState, e: EventInputOf<"VAR_REVIEW_ENDED">): Publish {
  const review = s.var_review;
  if (!review) throw new DomainError(409, "no_var_review", "no VAR review is running in this match");
  if (e.metadata?.causation_id !== review.event_id)
    unknownCause(
      `metadata.causation_id ${e.metadata?.causation_id} is not the running review ${review.event_id}`,
      "unknown_review",
    );
  return {
    kind: "publish",
    status: "sequenced",
    event_type: "VAR_REVIEW_ENDED",
    data: { reason: review.reason, decision: e.data.decision, ...clockOf(e) },
    causation_id: review.event_id,
  };
}

/**
 * What the room sequences itself right after `event`, in the same batch (so in the same transaction, with the
 * next sequence numbers): the cancellation of a goal an overturned review took off. It is the GOAL_CANCELLED an
 * operator would send (default key included), so an operator who also sends it gets `duplicate`, and every
 * consumer handles it as it handles any cancellation. `before` is the state before `event`.
 */
export function followUps(before: MatchState, event: PublishedEvent): EventInput[] {
  if (event.event_type !== "VAR_REVIEW_ENDED") return [];
  if (event.data.decision !== "OVERTURNED" || event.data.reason !== "GOAL") return [];
  const goal = before.goals.find((g) => g.event_id === before.var_review?.causation_id);
  if (!goal || goal.cancelled) return [];
  const { system, operator_id } = event.source;
  return [
    {
      event_type: "GOAL_CANCELLED",
      occurred_at: event.occurred_at,
      source: { system, ...(operator_id !== null && { operator_id }) },
      data: { reason: "VAR" },
      metadata: { causation_id: goal.event_id },
    },
  ];
}
