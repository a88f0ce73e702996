import type { Phrases } from "./phrases.js";

// Intl.PluralRules knows English ordinal categories (1st, 2nd, 3rd, 4th, 11th, 22nd), which a lookup by last digit gets wrong.
const ordinal = new Intl.PluralRules("en", { type: "ordinal" });
const suffix = { one: "st", two: "nd", few: "rd", other: "th", zero: "th", many: "th" } as const;

export const en: Phrases = {
  scoreSeparator: "-",
  clock: (minute) => ` [${minute}']`,
  labelled: (label, text) => `${label}: ${text}`,

  goal: "GOAL!",
  scorerPending: "Scorer to be confirmed",
  assist: (name) => `Assist: ${name}`,
  goalTypes: { PENALTY: "Penalty", FREE_KICK: "Free kick", HEADER: "Header", OWN_GOAL: "Own goal" },
  ownGoalBy: (name) => `Own goal by ${name}`,
  goalCancelled: "Goal cancelled (VAR)",
  reason: (text) => `Reason: ${text}`,

  varReview: "VAR check",
  varReasons: {
    GOAL: "Goal",
    PENALTY: "Penalty",
    RED_CARD: "Red card",
    MISTAKEN_IDENTITY: "Mistaken identity",
  },
  varDecisions: { CONFIRMED: "decision stands", OVERTURNED: "decision overturned" },

  cards: { YELLOW: "Yellow card", SECOND_YELLOW: "Second yellow, sent off", RED: "Red card" },
  substitution: "Substitution",
  playerOnFor: (playerIn, playerOut) => `${playerIn} on, ${playerOut} off`,

  periodStarted: {
    FIRST_HALF: "Kick-off",
    SECOND_HALF: "Second half under way",
    EXTRA_TIME_FIRST_HALF: "Extra time under way",
    EXTRA_TIME_SECOND_HALF: "Second half of extra time under way",
    PENALTY_SHOOTOUT: "Penalty shoot-out under way",
  },
  periodEnded: {
    FIRST_HALF: "Half-time",
    SECOND_HALF: "End of normal time",
    EXTRA_TIME_FIRST_HALF: "Half-time in extra time",
    EXTRA_TIME_SECOND_HALF: "End of extra time",
    PENALTY_SHOOTOUT: "Shoot-out over",
  },
  matchEnded: "Full time",
  afterPenalties: (score) => `(${score} on penalties)`,
  afterExtraTime: "(a.e.t.)",

  shootout: "Shoot-out",
  kick: (who, scored) => `${who} ${scored ? "scores" : "misses"}`,
  kickNumber: (n) => `${n}${suffix[ordinal.select(n)]} kick`,
};
