import type { Card, GoalType, MatchPeriod, VarDecision, VarReason } from "@buzz/schema/contract";

/**
 * Everything that differs between languages. The render module owns the layout (emoji, order, separators
 * between parts), so a language is only words plus the few conventions that really vary: the score separator
 * (German writes 2:1), how a minute reads, and typographic spacing before a colon (French).
 */
export interface Phrases {
  /** "-" in "2-1"; ":" in German. */
  scoreSeparator: string;
  /** The clock as it follows a title, from "38" or "90+3": " [38']". */
  clock(minute: string): string;
  /** "Carton jaune : Kanté" — French puts a space before the colon. */
  labelled(label: string, text: string): string;

  goal: string;
  scorerPending: string;
  assist(name: string): string;
  /** Labels for the goal types worth saying; an open-play goal needs none. */
  goalTypes: Record<Exclude<GoalType, "OPEN_PLAY">, string>;
  ownGoalBy(name: string): string;
  goalCancelled: string;
  reason(text: string): string;

  /** "VAR check": the label of a review's start and its decision. */
  varReview: string;
  /** What is reviewed. */
  varReasons: Record<VarReason, string>;
  varDecisions: Record<VarDecision, string>;

  cards: Record<Card, string>;
  substitution: string;
  /** "Fekir remplace Giroud". */
  playerOnFor(playerIn: string, playerOut: string): string;

  periodStarted: Record<MatchPeriod, string>;
  periodEnded: Record<MatchPeriod, string>;
  matchEnded: string;
  afterPenalties(score: string): string;
  afterExtraTime: string;

  shootout: string;
  /** "Modrić (Croatie) marque" / "Croatie manque". */
  kick(who: string, scored: boolean): string;
  kickNumber(n: number): string;
}
