import type { Phrases } from "./phrases.js";

export const de: Phrases = {
  // German scorelines are written 2:1.
  scoreSeparator: ":",
  clock: (minute) => ` [${minute}']`,
  labelled: (label, text) => `${label}: ${text}`,

  goal: "TOR!",
  scorerPending: "Torschütze noch offen",
  assist: (name) => `Vorlage: ${name}`,
  goalTypes: { PENALTY: "Elfmeter", FREE_KICK: "Freistoß", HEADER: "Kopfball", OWN_GOAL: "Eigentor" },
  ownGoalBy: (name) => `Eigentor von ${name}`,
  goalCancelled: "Tor aberkannt (VAR)",
  reason: (text) => `Grund: ${text}`,

  varReview: "VAR-Überprüfung",
  varReasons: {
    GOAL: "Tor",
    PENALTY: "Elfmeter",
    RED_CARD: "Rote Karte",
    MISTAKEN_IDENTITY: "Spielerverwechslung",
  },
  varDecisions: { CONFIRMED: "Entscheidung bestätigt", OVERTURNED: "Entscheidung zurückgenommen" },

  cards: { YELLOW: "Gelbe Karte", SECOND_YELLOW: "Gelb-Rote Karte", RED: "Rote Karte" },
  substitution: "Wechsel",
  playerOnFor: (playerIn, playerOut) => `${playerIn} für ${playerOut}`,

  periodStarted: {
    FIRST_HALF: "Anpfiff",
    SECOND_HALF: "Die zweite Halbzeit läuft",
    EXTRA_TIME_FIRST_HALF: "Die Verlängerung läuft",
    EXTRA_TIME_SECOND_HALF: "Zweite Hälfte der Verlängerung",
    PENALTY_SHOOTOUT: "Das Elfmeterschießen beginnt",
  },
  periodEnded: {
    FIRST_HALF: "Halbzeit",
    SECOND_HALF: "Ende der regulären Spielzeit",
    EXTRA_TIME_FIRST_HALF: "Halbzeit der Verlängerung",
    EXTRA_TIME_SECOND_HALF: "Ende der Verlängerung",
    PENALTY_SHOOTOUT: "Elfmeterschießen beendet",
  },
  matchEnded: "Abpfiff",
  afterPenalties: (score) => `(${score} i.E.)`,
  afterExtraTime: "(n.V.)",

  shootout: "Elfmeterschießen",
  kick: (who, scored) => `${who} ${scored ? "trifft" : "verschießt"}`,
  kickNumber: (n) => `${n}. Schütze`,
};
