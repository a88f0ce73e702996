import type { Phrases } from "./phrases.js";

// Digits stay Latin (0-9), as Intl gives for plain "ar" and as most Arabic sports media print scores: "2-1" and
// "90+3" then stay single left-to-right runs under the Unicode bidi rules (a lone "-" or "+" between digits
// joins them), so the score cannot be reordered inside right-to-left text. For the same reason the minute is
// written in words ("الدقيقة 38") rather than "[38']", whose brackets and apostrophe would be mirrored and split.
export const ar: Phrases = {
  scoreSeparator: "-",
  clock: (minute) => `، الدقيقة ${minute}`,
  labelled: (label, text) => `${label}: ${text}`,

  goal: "هدف!",
  scorerPending: "الهدّاف قيد التأكيد",
  assist: (name) => `تمريرة حاسمة: ${name}`,
  goalTypes: { PENALTY: "ركلة جزاء", FREE_KICK: "ركلة حرة", HEADER: "ضربة رأس", OWN_GOAL: "هدف عكسي" },
  ownGoalBy: (name) => `هدف عكسي سجّله ${name}`,
  goalCancelled: "إلغاء هدف (VAR)",
  reason: (text) => `السبب: ${text}`,

  varReview: "مراجعة الفيديو (VAR)",
  varReasons: {
    GOAL: "هدف",
    PENALTY: "ركلة جزاء",
    RED_CARD: "بطاقة حمراء",
    MISTAKEN_IDENTITY: "خطأ في هوية اللاعب",
  },
  varDecisions: { CONFIRMED: "تأكيد القرار", OVERTURNED: "إلغاء القرار" },

  cards: { YELLOW: "بطاقة صفراء", SECOND_YELLOW: "إنذار ثانٍ وطرد", RED: "بطاقة حمراء" },
  substitution: "تبديل",
  playerOnFor: (playerIn, playerOut) => `دخول ${playerIn} وخروج ${playerOut}`,

  periodStarted: {
    FIRST_HALF: "انطلاق المباراة",
    SECOND_HALF: "انطلاق الشوط الثاني",
    EXTRA_TIME_FIRST_HALF: "انطلاق الوقت الإضافي",
    EXTRA_TIME_SECOND_HALF: "انطلاق الشوط الثاني من الوقت الإضافي",
    PENALTY_SHOOTOUT: "بدء ركلات الترجيح",
  },
  periodEnded: {
    FIRST_HALF: "نهاية الشوط الأول",
    SECOND_HALF: "نهاية الوقت الأصلي",
    EXTRA_TIME_FIRST_HALF: "نهاية الشوط الأول من الوقت الإضافي",
    EXTRA_TIME_SECOND_HALF: "نهاية الوقت الإضافي",
    PENALTY_SHOOTOUT: "انتهاء ركلات الترجيح",
  },
  matchEnded: "نهاية المباراة",
  afterPenalties: (score) => `(${score} بركلات الترجيح)`,
  afterExtraTime: "(بعد الوقت الإضافي)",

  shootout: "ركلات الترجيح",
  kick: (who, scored) => `${who} ${scored ? "يسجّل" : "يُهدر"}`,
  kickNumber: (n) => `الركلة رقم ${n}`,
};
