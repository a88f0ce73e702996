import { describe, expect, it } from "vitest";
import { PublishedEventSchema, parseIngestBody } from "../validate/index.js";
import { EVENT_VERSION, upcast } from "./index.js";

/** A goal as the first stadium feeds sent it: `minute` / `added_time` / `period` and a bare side. */
const v1Input = {
  event_version: 1,
  event_type: "GOAL_SCORED",
  occurred_at: "2018-07-15T16:05:40Z",
  source: { system: "OPTA", operator_id: "op-42" },
  data: {
    team: "HOME",
    scorer: { player_id: "FRA-mbappe" },
    minute: 65,
    added_time: 0,
    period: "SECOND_HALF",
    goal_type: "OPEN_PLAY",
    body_part: "RIGHT_FOOT",
  },
};
const v2Input = {
  event_type: "GOAL_SCORED",
  occurred_at: "2018-07-15T16:05:40Z",
  source: { system: "OPTA", operator_id: "op-42" },
  data: {
    team: { side: "HOME" },
    scorer: { player_id: "FRA-mbappe" },
    match_minute: 65,
    stoppage_minute: 0,
    match_period: "SECOND_HALF",
    goal_type: "OPEN_PLAY",
    body_part: "RIGHT_FOOT",
  },
};

const mbappe = { player_id: "FRA-mbappe", name: "Kylian Mbappé", jersey_number: 10, position: "FW" };
const envelopeV2 = {
  event_id: "0190a3f6-1c2d-7e40-8a11-5b7c9d0e1f23",
  event_type: "GOAL_SCORED",
  event_version: 2,
  match_id: "wc2018-final",
  competition: { id: "wc-2018", name: "FIFA World Cup 2018" },
  occurred_at: "2018-07-15T16:05:40.000Z",
  received_at: "2018-07-15T16:05:40.210Z",
  published_at: "2018-07-15T16:05:40.214Z",
  sequence_number: 31,
  source: { system: "OPTA", operator_id: "op-42", confidence: null, stadium_gateway_id: null },
  data: {
    team: { side: "HOME", team_id: "FRA", name: "France" },
    match_minute: 65,
    stoppage_minute: 0,
    match_period: "SECOND_HALF",
    scorer: mbappe,
    assist: null,
    goal_type: "OPEN_PLAY",
    body_part: "RIGHT_FOOT",
    coordinates: null,
    provisional: false,
    score_after: { home: 4, away: 1 },
  },
  metadata: {
    idempotency_key: "sha256:5f0c",
    correlation_id: "corr-31",
    causation_id: null,
    ttl_seconds: 300,
  },
};
const { match_minute, stoppage_minute, match_period, ...restOfData } = envelopeV2.data;
const envelopeV1 = {
  ...envelopeV2,
  event_version: 1,
  data: { ...restOfData, minute: match_minute, added_time: stoppage_minute, period: match_period },
};

describe("upcast", () => {
  it("reads a version 1 input as version 2", () => {
    expect(upcast(v1Input)).toEqual({ ...v2Input, event_version: EVENT_VERSION });
  });

  it("lets a version 1 source through ingest, as the same event a version 2 source sends", () => {
    const fromV1 = parseIngestBody(v1Input);
    const fromV2 = parseIngestBody(v2Input);
    expect(fromV1.ok && fromV1.events[0]?.event_version).toBe(2);
    expect(fromV1).toEqual(fromV2);
  });

  it("reads an archived version 1 envelope as a valid version 2 published event", () => {
    expect(PublishedEventSchema.safeParse(envelopeV1).success).toBe(false);
    const read = PublishedEventSchema.parse(upcast(envelopeV1));
    expect(read).toEqual(envelopeV2);
  });

  it("leaves the input it was given untouched", () => {
    const before = structuredClone(v1Input);
    upcast(v1Input);
    expect(v1Input).toEqual(before);
  });

  it("passes current and unknown versions through for validation to judge", () => {
    expect(upcast(v2Input)).toBe(v2Input);
    const future = { ...v2Input, event_version: 9 };
    expect(upcast(future)).toBe(future);
    expect(parseIngestBody(future)).toMatchObject({ ok: false, issues: [{ path: ["event_version"] }] });
  });
});
