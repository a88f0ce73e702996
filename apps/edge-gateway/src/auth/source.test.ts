import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  errorOf,
  freshMatchId,
  goalEvent,
  HAWKEYE_KEY,
  hmacHex,
  ingest,
  ingestRaw,
  kickOff,
  putFixture,
  signedHeaders,
  WC_KEY,
} from "../testing/http.js";
import { acceptedSignatures, authenticateSource } from "./source.js";

const now = () => Math.floor(Date.now() / 1000);

async function expectNothingSequenced(matchId: string) {
  const res = await call(`/v1/matches/${matchId}/events`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { events: unknown[] }).events).toEqual([]);
}

describe("source authentication (401)", () => {
  const matchId = freshMatchId();
  beforeAll(async () => {
    expect((await putFixture(matchId)).status).toBe(201);
  });

  it.each(["X-Buzz-Key-Id", "X-Buzz-Timestamp", "X-Buzz-Signature"] as const)(
    "refuses a request without %s",
    async (header) => {
      const res = await ingest(matchId, kickOff(), { omit: [header] });
      expect(res.status).toBe(401);
      const error = await errorOf(res);
      expect(error.code).toBe("unauthorized");
      expect(error.message).toContain(header);
    },
  );

  it("refuses an unknown key", async () => {
    const res = await ingest(matchId, kickOff(), { key: { id: "nobody", secret: "dev-source-secret" } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toContain("unknown key");
  });

  // Unix seconds are whole and the clock moves between signing and checking, so "301 s" can arrive as 300.x s:
  // the cases sit a few seconds past the 300 s line, and the acceptance test a few seconds inside it.
  it.each([
    ["305 s old", -305],
    ["305 s ahead", 305],
    ["a day old", -86_400],
  ])("refuses a timestamp %s", async (_, offset) => {
    const res = await ingest(matchId, kickOff(), { timestamp: now() + offset });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toContain("X-Buzz-Timestamp");
  });

  it("accepts a timestamp just inside the window", async () => {
    const res = await ingest(matchId, kickOff(), { timestamp: now() - 290 });
    expect(res.status).toBe(202);
  });

  it("refuses a timestamp that is not unix seconds", async () => {
    const body = JSON.stringify(kickOff());
    const headers = await signedHeaders(body, `/v1/matches/${matchId}/events`);
    headers["X-Buzz-Timestamp"] = new Date().toISOString();
    const res = await call(`/v1/matches/${matchId}/events`, { method: "POST", headers, body });
    expect(res.status).toBe(401);
  });

  it("refuses a signature made with another secret", async () => {
    const res = await ingest(matchId, goalEvent(), { key: { id: "dev-source", secret: "guessed" } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe("bad signature");
  });

  it("refuses a body changed after signing", async () => {
    const signedBody = JSON.stringify(goalEvent("FRA-griezmann"));
    const headers = await signedHeaders(signedBody, `/v1/matches/${matchId}/events`);
    const res = await call(`/v1/matches/${matchId}/events`, {
      method: "POST",
      headers,
      body: JSON.stringify(goalEvent("FRA-mbappe")),
    });
    expect(res.status).toBe(401);
  });

  it("refuses a signature over another timestamp", async () => {
    const body = JSON.stringify(goalEvent());
    const ts = now();
    const signature = `v1=${await hmacHex("dev-source-secret", `${ts - 1}.${body}`)}`;
    const res = await ingestRaw(matchId, body, { timestamp: ts, signature });
    expect(res.status).toBe(401);
  });

  it.each(["deadbeef", `v3=${"0".repeat(64)}`, `v1=${"z".repeat(64)}`, "v1=", `v2=${"0".repeat(63)}`])(
    "refuses a malformed signature header %j",
    async (signature) => {
      const res = await ingest(matchId, kickOff(), { signature });
      expect(res.status).toBe(401);
    },
  );

  it("checks authentication before the match allow-list", async () => {
    const res = await ingest(freshMatchId("other"), kickOff(), { key: { id: WC_KEY.id, secret: "wrong" } });
    expect(res.status).toBe(401);
  });

  it("sequenced only the one accepted request", async () => {
    const res = await call(`/v1/matches/${matchId}/events`);
    const { events } = (await res.json()) as { events: { event_type: string }[] };
    expect(events.map((e) => e.event_type)).toEqual(["PERIOD_STARTED"]);
  });
});

describe("path-bound signatures (contract v1.1)", () => {
  const matchId = freshMatchId();
  const other = freshMatchId("other");
  beforeAll(async () => {
    expect((await putFixture(matchId)).status).toBe(201);
    expect((await putFixture(other)).status).toBe(201);
  });

  it("accepts v2, which covers the method and the path", async () => {
    expect((await ingest(matchId, kickOff(), { version: "v2" })).status).toBe(202);
  });

  it("refuses a v2 signature made for another match's path: the same signed body cannot be replayed there", async () => {
    const res = await ingest(other, kickOff(), { version: "v2", path: `/v1/matches/${matchId}/events` });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe("bad signature");
    await expectNothingSequenced(other);
  });

  it("takes v1 and v2 side by side in one header; one valid accepted version is enough", async () => {
    const body = JSON.stringify(goalEvent());
    const path = `/v1/matches/${matchId}/events`;
    const ts = now();
    const v1 = `v1=${await hmacHex("dev-source-secret", `${ts}.${body}`)}`;
    const badV2 = `v2=${"0".repeat(64)}`;
    const res = await ingestRaw(matchId, body, { timestamp: ts, signature: `${badV2}, ${v1}` });
    expect(res.status).toBe(202);
    expect((await ingestRaw(matchId, body, { timestamp: ts, signature: badV2 })).status).toBe(401);
    expect(path).toContain(matchId);
  });

  it("accepts only the versions SOURCE_SIGNATURES lists: production's v2 refuses a v1 signature", async () => {
    const body = JSON.stringify(kickOff());
    const path = `/v1/matches/${matchId}/events`;
    const request = async (version: "v1" | "v2") =>
      new Request(`https://buzz.test${path}`, {
        method: "POST",
        headers: await signedHeaders(body, path, { version }),
        body,
      });
    const v2Only = { ...env, SOURCE_SIGNATURES: "v2" } as Env;
    await expect(authenticateSource(await request("v1"), v2Only)).rejects.toMatchObject({
      status: 401,
      message: "X-Buzz-Signature must be v2=<64 hex digits>",
    });
    await expect(authenticateSource(await request("v2"), v2Only)).resolves.toMatchObject({
      key: { id: "dev-source" },
    });
    expect([...acceptedSignatures({ SOURCE_SIGNATURES: "v1, v2" })]).toEqual(["v1", "v2"]);
    expect([...acceptedSignatures({ SOURCE_SIGNATURES: "v3" })]).toEqual([]);
  });
});

describe("source authorization (403)", () => {
  const wcMatch = freshMatchId("wc2018");
  const otherMatch = freshMatchId("euro2020");
  beforeAll(async () => {
    expect((await putFixture(wcMatch)).status).toBe(201);
    expect((await putFixture(otherMatch)).status).toBe(201);
  });

  it("refuses a key for a match outside its patterns", async () => {
    const res = await ingest(otherMatch, kickOff(), { key: WC_KEY });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error.code).toBe("forbidden");
    expect(error.message).toContain(otherMatch);
    await expectNothingSequenced(otherMatch);
  });

  it("refuses a key for a source system it does not hold", async () => {
    const res = await ingest(otherMatch, goalEvent(), { key: HAWKEYE_KEY });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error.issues?.[0]?.path).toEqual(["source", "system"]);
    expect(error.message).toContain("OPTA");
    await expectNothingSequenced(otherMatch);
  });

  it("refuses a whole batch when one event's system is not allowed, naming it", async () => {
    const signal = {
      event_type: "GOAL_LINE_SIGNAL",
      occurred_at: "2018-07-15T15:38:12Z",
      source: { system: "HAWKEYE" },
      data: { team: { side: "HOME" } },
    };
    const res = await ingest(otherMatch, { events: [signal, goalEvent()] }, { key: HAWKEYE_KEY });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).issues?.map((i) => i.path)).toEqual([["events", 1, "source", "system"]]);
    await expectNothingSequenced(otherMatch);
  });

  it("lets a pattern key in for a match it covers", async () => {
    const res = await ingest(wcMatch, kickOff(), { key: WC_KEY });
    expect(res.status).toBe(202);
  });

  it("lets a system-restricted key send its own system", async () => {
    const signal = {
      event_type: "GOAL_LINE_SIGNAL",
      occurred_at: "2018-07-15T15:38:12Z",
      source: { system: "HAWKEYE" },
      data: { team: { side: "AWAY" } },
    };
    const res = await ingest(wcMatch, signal, { key: HAWKEYE_KEY });
    expect(res.status).toBe(202);
  });
});
