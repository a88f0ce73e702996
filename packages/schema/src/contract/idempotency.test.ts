import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DESIGN_GOAL_INPUT } from "../testing/events.js";
import { EventInputSchema } from "../validate/index.js";
import { defaultIdempotencyKey, type EventInputDraft } from "./index.js";

const MATCH = "wc2018-final";
const sha256 = (text: string) => `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
const key = (draft: EventInputDraft, match = MATCH) =>
  defaultIdempotencyKey(match, EventInputSchema.parse(draft));

const griezmannByOpta = DESIGN_GOAL_INPUT;
const signal: EventInputDraft = {
  event_type: "GOAL_LINE_SIGNAL",
  occurred_at: "2018-07-15T15:18:31.120Z",
  source: { system: "HAWKEYE", confidence: 0.998 },
  data: { team: { side: "HOME" }, match_minute: 18, stoppage_minute: 0, match_period: "FIRST_HALF" },
};
const card: EventInputDraft = {
  event_type: "CARD_SHOWN",
  occurred_at: "2018-07-15T15:27:10Z",
  source: { system: "REFEREE" },
  data: {
    team: { side: "HOME" },
    player: { player_id: "FRA-kante" },
    card: "YELLOW",
    match_minute: 27,
    stoppage_minute: 0,
    match_period: "FIRST_HALF",
  },
};
const kick = (kick_number: number, source: "REFEREE" | "OPTA" = "REFEREE"): EventInputDraft => ({
  event_type: "PENALTY_SHOOTOUT_KICK",
  occurred_at: "2018-07-01T20:41:00Z",
  source: { system: source },
  data: { team: { side: "AWAY" }, player: { player_id: "CRO-modric" }, kick_number, scored: true },
});

describe("defaultIdempotencyKey", () => {
  it("is sha256 of match_id|event_type|match_period|match_minute|stoppage_minute|player_id for a goal", async () => {
    expect(await key(griezmannByOpta)).toBe(sha256("wc2018-final|GOAL_SCORED|FIRST_HALF|38|0|FRA-griezmann"));
  });

  it("uses the side when the event names no player (goal-line signal)", async () => {
    expect(await key(signal)).toBe(sha256("wc2018-final|GOAL_LINE_SIGNAL|FIRST_HALF|18|0|HOME"));
  });

  it("uses the booked player for a card", async () => {
    expect(await key(card)).toBe(sha256("wc2018-final|CARD_SHOWN|FIRST_HALF|27|0|FRA-kante"));
  });

  it("adds kick_number for shoot-out kicks (which carry no clock)", async () => {
    expect(await key(kick(3), "wc2018-r16-cro-den")).toBe(
      sha256("wc2018-r16-cro-den|PENALTY_SHOOTOUT_KICK||||AWAY|3"),
    );
  });

  it("gives two sources reporting the same goal the same key", async () => {
    const sameGoalBySimulator: EventInputDraft = {
      ...griezmannByOpta,
      occurred_at: "2018-07-15T15:38:14.900Z",
      source: { system: "SIMULATOR", operator_id: "replay-1" },
      data: {
        team: { side: "HOME" },
        scorer: { player_id: "FRA-griezmann" },
        match_minute: 38,
        match_period: "FIRST_HALF",
        goal_type: "PENALTY",
      },
    };
    expect(await key(sameGoalBySimulator)).toBe(await key(griezmannByOpta));
  });

  it("gives the same kick one key whether or not the taker is named", async () => {
    const { player: _taker, ...withoutTaker } = kick(3).data as { player: unknown };
    expect(await key({ ...kick(3), data: withoutTaker } as EventInputDraft)).toBe(await key(kick(3, "OPTA")));
  });

  it("gives the referee and the operator the same key for the same card and the same kick", async () => {
    expect(
      await key({
        ...card,
        source: { system: "OPTA", operator_id: "op-7" },
        occurred_at: "2018-07-15T15:27:19Z",
      }),
    ).toBe(await key(card));
    expect(await key(kick(3, "OPTA"))).toBe(await key(kick(3, "REFEREE")));
  });

  it("tells different facts apart", async () => {
    const base = await key(griezmannByOpta);
    const other = [
      await key(griezmannByOpta, "wc2018-sf-fra-bel"),
      await key({
        ...griezmannByOpta,
        data: { ...griezmannByOpta.data, match_minute: 39 },
      } as EventInputDraft),
      await key({
        ...griezmannByOpta,
        data: { ...griezmannByOpta.data, stoppage_minute: 1 },
      } as EventInputDraft),
      await key({
        ...griezmannByOpta,
        data: { ...griezmannByOpta.data, scorer: { player_id: "FRA-mbappe" } },
      } as EventInputDraft),
    ];
    expect(new Set([base, ...other]).size).toBe(5);
    expect(await key(kick(4))).not.toBe(await key(kick(3)));
  });
});
