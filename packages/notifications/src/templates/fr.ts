import type { Phrases } from "./phrases.js";

// French ordinals: 1er, then 2e, 3e… — Intl.PluralRules gives the category instead of a hard-coded "n === 1".
const ordinal = new Intl.PluralRules("fr", { type: "ordinal" });

export const fr: Phrases = {
  scoreSeparator: "-",
  clock: (minute) => ` [${minute}']`,
  labelled: (label, text) => `${label} : ${text}`,

  goal: "BUT !",
  scorerPending: "Buteur à confirmer",
  assist: (name) => `Passe décisive : ${name}`,
  goalTypes: {
    PENALTY: "Penalty",
    FREE_KICK: "Coup franc",
    HEADER: "De la tête",
    OWN_GOAL: "Contre son camp",
  },
  ownGoalBy: (name) => `${name} contre son camp`,
  goalCancelled: "But annulé (VAR)",
  reason: (text) => `Motif : ${text}`,

  varReview: "Vérification VAR",
  varReasons: {
    GOAL: "But",
    PENALTY: "Penalty",
    RED_CARD: "Carton rouge",
    MISTAKEN_IDENTITY: "Erreur d'identité",
  },
  varDecisions: { CONFIRMED: "décision confirmée", OVERTURNED: "décision annulée" },

  cards: { YELLOW: "Carton jaune", SECOND_YELLOW: "Second carton jaune, expulsion", RED: "Carton rouge" },
  substitution: "Remplacement",
  playerOnFor: (playerIn, playerOut) => `${playerIn} remplace ${playerOut}`,

  periodStarted: {
    FIRST_HALF: "Coup d'envoi",
    SECOND_HALF: "Début de la seconde période",
    EXTRA_TIME_FIRST_HALF: "Début de la prolongation",
    EXTRA_TIME_SECOND_HALF: "Seconde période de la prolongation",
    PENALTY_SHOOTOUT: "Début de la séance de tirs au but",
  },
  periodEnded: {
    FIRST_HALF: "Mi-temps",
    SECOND_HALF: "Fin du temps réglementaire",
    EXTRA_TIME_FIRST_HALF: "Mi-temps de la prolongation",
    EXTRA_TIME_SECOND_HALF: "Fin de la prolongation",
    PENALTY_SHOOTOUT: "Fin de la séance de tirs au but",
  },
  matchEnded: "Fin du match",
  afterPenalties: (score) => `(${score} t.a.b.)`,
  afterExtraTime: "(a.p.)",

  shootout: "Tirs au but",
  kick: (who, scored) => `${who} ${scored ? "marque" : "manque"}`,
  kickNumber: (n) => `${n}${ordinal.select(n) === "one" ? "er" : "e"} tireur`,
};
