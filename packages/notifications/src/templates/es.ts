import type { Phrases } from "./phrases.js";

export const es: Phrases = {
  scoreSeparator: "-",
  clock: (minute) => ` [${minute}']`,
  labelled: (label, text) => `${label}: ${text}`,

  goal: "¡GOL!",
  scorerPending: "Goleador por confirmar",
  assist: (name) => `Asistencia: ${name}`,
  goalTypes: {
    PENALTY: "Penalti",
    FREE_KICK: "Tiro libre",
    HEADER: "De cabeza",
    OWN_GOAL: "En propia puerta",
  },
  ownGoalBy: (name) => `${name} en propia puerta`,
  goalCancelled: "Gol anulado (VAR)",
  reason: (text) => `Motivo: ${text}`,

  varReview: "Revisión del VAR",
  varReasons: {
    GOAL: "Gol",
    PENALTY: "Penalti",
    RED_CARD: "Tarjeta roja",
    MISTAKEN_IDENTITY: "Confusión de identidad",
  },
  varDecisions: { CONFIRMED: "decisión confirmada", OVERTURNED: "decisión revocada" },

  cards: { YELLOW: "Tarjeta amarilla", SECOND_YELLOW: "Doble amarilla, expulsado", RED: "Tarjeta roja" },
  substitution: "Cambio",
  playerOnFor: (playerIn, playerOut) => `entra ${playerIn}, sale ${playerOut}`,

  periodStarted: {
    FIRST_HALF: "Comienza el partido",
    SECOND_HALF: "Comienza la segunda parte",
    EXTRA_TIME_FIRST_HALF: "Comienza la prórroga",
    EXTRA_TIME_SECOND_HALF: "Comienza la segunda parte de la prórroga",
    PENALTY_SHOOTOUT: "Comienza la tanda de penaltis",
  },
  periodEnded: {
    FIRST_HALF: "Descanso",
    SECOND_HALF: "Final del tiempo reglamentario",
    EXTRA_TIME_FIRST_HALF: "Descanso de la prórroga",
    EXTRA_TIME_SECOND_HALF: "Final de la prórroga",
    PENALTY_SHOOTOUT: "Final de la tanda de penaltis",
  },
  matchEnded: "Final del partido",
  afterPenalties: (score) => `(${score} en penaltis)`,
  afterExtraTime: "(tras la prórroga)",

  shootout: "Penaltis",
  kick: (who, scored) => `${who} ${scored ? "marca" : "falla"}`,
  kickNumber: (n) => `${n}.º lanzamiento`,
};
