import { describe, expect, it } from "vitest";
import { SUPPORTED_LOCALES } from "../locale/index.js";
import {
  amendment,
  cancellation,
  card,
  EVERY_EVENT,
  endedAfterExtraTime,
  endedOnPenalties,
  GOAL_ID,
  goal,
  halfTime,
  kick,
  matchEnded,
  ownGoal,
  periodStarted,
  provisionalGoal,
  SILENT_TYPES,
  shot,
  substitution,
  varConfirmed,
  varOverturned,
  varStarted,
} from "../testing/events.js";
import { renderNotification } from "./index.js";

const render = (...args: Parameters<typeof renderNotification>) => {
  const rendered = renderNotification(...args);
  if (!rendered) throw new Error(`${args[0].event_type} rendered nothing`);
  return rendered;
};

describe("goals", () => {
  it("read exactly like the examples in French and English", () => {
    expect(render(goal, "fr").title).toBe("⚽ BUT ! Griezmann (France) — 2-1 [38']");
    expect(render(goal, "en").title).toBe("⚽ GOAL! Griezmann (France) — 2-1 [38']");
    expect(render(goal, "fr").body).toBe("Antoine Griezmann · Penalty · FIFA World Cup 2018");
    expect(render(goal, "es").title).toBe("⚽ ¡GOL! Griezmann (France) — 2-1 [38']");
    expect(render(goal, "de").title).toBe("⚽ TOR! Griezmann (France) — 2:1 [38']");
  });

  it("name only the team until the scorer is known", () => {
    expect(render(provisionalGoal, "fr").title).toBe("⚽ BUT ! France — 2-1 [38']");
    expect(render(provisionalGoal, "fr").body).toBe("Buteur à confirmer · FIFA World Cup 2018");
    expect(render(provisionalGoal, "en").body).toBe("Scorer to be confirmed · FIFA World Cup 2018");
  });

  it("show stoppage time as 90+3'", () => {
    const late = { ...goal, data: { ...goal.data, match_minute: 90, stoppage_minute: 3 } };
    expect(render(late, "en").title).toBe("⚽ GOAL! Griezmann (France) — 2-1 [90+3']");
    expect(render(late, "ar").title).toContain("الدقيقة 90+3");
  });

  it("render an amendment like the goal, with the scorer and the assist, under the goal's tag", () => {
    const n = render(amendment, "fr");
    expect(n.title).toBe("⚽ BUT ! Griezmann (France) — 2-1 [38']");
    expect(n.body).toBe("Antoine Griezmann · Penalty · Passe décisive : Paul Pogba · FIFA World Cup 2018");
    expect(n.data.event_id).toBe(amendment.event_id);
  });

  it("say a cancelled goal was cancelled (VAR), with the new score", () => {
    expect(render(cancellation, "fr").title).toBe("❌ But annulé (VAR) : France — 1-1 [38']");
    expect(render(cancellation, "en").title).toBe("❌ Goal cancelled (VAR): France — 1-1 [38']");
    expect(render(cancellation, "en").body).toBe("Reason: handball · FIFA World Cup 2018");
  });

  it("give goal, amendment and cancellation of the same goal the same tag, in every locale", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const tags = [provisionalGoal, goal, amendment, cancellation].map((e) => render(e, locale).tag);
      expect(new Set(tags)).toEqual(new Set([`goal-${GOAL_ID}`]));
    }
    expect(render(ownGoal, "en").tag).not.toBe(`goal-${GOAL_ID}`);
  });

  it("credit an own goal to the team it counts for, naming the scorer in the body", () => {
    expect(render(ownGoal, "en").title).toBe("⚽ GOAL! France — 1-0 [18']");
    expect(render(ownGoal, "en").body).toBe("Own goal by Mario Mandžukić · FIFA World Cup 2018");
    expect(render(ownGoal, "fr").body).toBe("Mario Mandžukić contre son camp · FIFA World Cup 2018");
  });
});

describe("other events", () => {
  it("cards, by colour", () => {
    expect(render(card("YELLOW"), "en").title).toBe("🟨 Yellow card: Vrsaljko (Croatia) [90+3']");
    expect(render(card("SECOND_YELLOW"), "fr").title).toBe(
      "🟨🟥 Second carton jaune, expulsion : Vrsaljko (Croatia) [90+3']",
    );
    expect(render(card("RED"), "de").title).toBe("🟥 Rote Karte: Vrsaljko (Croatia) [90+3']");
    expect(render(card("RED"), "en").body).toBe("Šime Vrsaljko · FIFA World Cup 2018");
  });

  it("substitutions", () => {
    expect(render(substitution, "en").title).toBe("🔄 Substitution: Fekir on, Giroud off (France) [81']");
    expect(render(substitution, "fr").title).toBe("🔄 Remplacement : Fekir remplace Giroud (France) [81']");
  });

  it("periods, with teams and score when the caller knows them", () => {
    expect(render(halfTime, "fr").title).toBe("⏸️ Mi-temps [45+2']");
    expect(
      render(halfTime, "en", { teams: { home: "France", away: "Croatia" }, score: { home: 2, away: 1 } })
        .title,
    ).toBe("⏸️ Half-time — France 2-1 Croatia [45+2']");
    expect(render(periodStarted, "es", { score: { home: 2, away: 1 } }).title).toBe(
      "▶️ Comienza la segunda parte — 2-1",
    );
    expect(render(periodStarted, "de", { teams: { home: "Frankreich", away: "Kroatien" } }).title).toBe(
      "▶️ Die zweite Halbzeit läuft — Frankreich – Kroatien",
    );
  });

  it("shoot-out kicks, scored or missed, named or not, with the shoot-out score and kick number", () => {
    expect(render(kick(true), "en").title).toBe("🎯 Shoot-out: Modrić (Croatia) scores — 3-2");
    expect(render(kick(false), "fr").title).toBe("❌ Tirs au but : Modrić (Croatia) manque — 3-2");
    expect(render(kick(true, false), "en").title).toBe("🎯 Shoot-out: Croatia scores — 3-2");
    expect(render(kick(true), "en").body).toBe("5th kick · FIFA World Cup 2018");
    expect(render(kick(true), "fr").body).toBe("5e tireur · FIFA World Cup 2018");
    expect(render({ ...kick(true), data: { ...kick(true).data, kick_number: 1 } }, "fr").body).toMatch(
      /^1er tireur/,
    );
    expect(render({ ...kick(true), data: { ...kick(true).data, kick_number: 2 } }, "en").body).toMatch(
      /^2nd kick/,
    );
  });

  it("the final score, after extra time or penalties", () => {
    expect(render(matchEnded, "en").title).toBe("🏁 Full time: 4-2");
    expect(render(matchEnded, "fr", { teams: { home: "France", away: "Croatie" } }).title).toBe(
      "🏁 Fin du match : France 4-2 Croatie",
    );
    expect(render(endedOnPenalties, "en").title).toBe("🏁 Full time: 1-1 (4-3 on penalties)");
    expect(render(endedOnPenalties, "de").title).toBe("🏁 Abpfiff: 1:1 (4:3 i.E.)");
    expect(render(endedAfterExtraTime, "fr").title).toBe("🏁 Fin du match : 2-1 (a.p.)");
  });

  it("a VAR review says what is reviewed, and its decision replaces it", () => {
    expect(render(varStarted, "en").title).toBe("📺 VAR check: Goal [38']");
    expect(render(varOverturned, "en").title).toBe("📺 VAR check: Goal — decision overturned [40']");
    expect(render(varConfirmed, "fr").title).toBe("📺 Vérification VAR : Penalty — décision confirmée [41']");
    expect(render(varOverturned, "de").tag).toBe(render(varStarted, "de").tag);
  });

  it("shots never notify", () => {
    for (const locale of SUPPORTED_LOCALES) expect(renderNotification(shot, locale)).toBeNull();
  });
});

describe("every locale", () => {
  const notifying = EVERY_EVENT.filter((e) => !SILENT_TYPES.includes(e.event_type));

  it("renders every notifying event with a title, a body and the contract's data", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const titles = new Set<string>();
      for (const event of notifying) {
        const n = render(event, locale);
        expect(n.lang).toBe(locale);
        expect(n.title.trim().length).toBeGreaterThan(3);
        expect(n.title).not.toMatch(/undefined|null|NaN|\[object/);
        expect(n.body).toMatch(/FIFA World Cup 2018$/);
        expect(n.data).toEqual({
          event_id: event.event_id,
          match_id: "wc2018-final",
          sequence_number: event.sequence_number,
          url: "/#/matches/wc2018-final",
        });
        titles.add(n.title);
      }
      // Goal and amendment read alike on purpose; every other variant must be told apart.
      expect(titles.size).toBe(notifying.length - 1);
    }
  });

  it("reads each language in its own words", () => {
    const words = { fr: "BUT", en: "GOAL", es: "GOL", de: "TOR", ar: "هدف" } as const;
    for (const locale of SUPPORTED_LOCALES) expect(render(goal, locale).title).toContain(words[locale]);
  });

  it("writes Arabic right to left with Latin digits", () => {
    const n = render(goal, "ar");
    expect(n.dir).toBe("rtl");
    expect(n.lang).toBe("ar");
    expect(n.title).toBe("⚽ هدف! Griezmann (France) — 2-1، الدقيقة 38");
    for (const locale of ["fr", "en", "es", "de"] as const) expect(render(goal, locale).dir).toBe("ltr");
  });

  it("falls back by language subtag, then to English", () => {
    expect(render(goal, "fr-CA").title).toBe(render(goal, "fr").title);
    expect(render(goal, "ar-MA").dir).toBe("rtl");
    expect(render(goal, "pt-BR").title).toBe(render(goal, "en").title);
    expect(render(goal, "pt-BR").lang).toBe("en");
  });

  it("links to the match centre under baseUrl", () => {
    expect(render(goal, "en", { baseUrl: "https://buzz.example/" }).data.url).toBe(
      "https://buzz.example/#/matches/wc2018-final",
    );
  });
});
