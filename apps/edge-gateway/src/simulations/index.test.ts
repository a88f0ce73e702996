import { env, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, admin, call, errorOf, fixtureBody, freshMatchId, putFixture } from "../testing/http.js";
import type { SimulationStarted, SimulationView } from "./contract.js";

const start = (body: unknown) => admin("/v1/ops/simulations", { method: "POST", body: JSON.stringify(body) });

async function started(body: Record<string, unknown>): Promise<SimulationStarted> {
  const res = await start(body);
  expect(res.status, await res.clone().text()).toBe(202);
  const json = (await res.json()) as SimulationStarted;
  expect(res.headers.get("Location")).toBe(`/v1/ops/simulations/${json.simulation_id}`);
  return json;
}

async function statusOf(id: string): Promise<SimulationView> {
  const res = await admin(`/v1/ops/simulations/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SimulationView;
}

async function list(): Promise<SimulationView[]> {
  const res = await admin("/v1/ops/simulations");
  expect(res.status).toBe(200);
  return ((await res.json()) as { simulations: SimulationView[] }).simulations;
}

const cancel = (id: string) => admin(`/v1/ops/simulations/${id}`, { method: "DELETE" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the replay has left "running" (its alarm drives it; nothing here pushes it along). */
async function settled(id: string): Promise<SimulationView> {
  for (let i = 0; i < 600; i++) {
    const view = await statusOf(id);
    if (view.status !== "running") return view;
    await sleep(50);
  }
  throw new Error(`simulation ${id} still running: ${JSON.stringify(await statusOf(id))}`);
}

async function matchOf(matchId: string) {
  const res = await call(`/v1/matches/${matchId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    status: string;
    last_sequence: number;
    home: { score: number };
    away: { score: number };
    penalty_score: unknown;
  };
}

describe("replays run by the platform", () => {
  it("runs the final and a shoot-out at 2000× to done, the rooms ending on the data's scores", {
    timeout: 60_000,
  }, async () => {
    const finalId = freshMatchId("sim-final");
    const croDenId = freshMatchId("sim-croden");
    const final = await started({ match: "final", speed: 2000, match_id: finalId });
    const croDen = await started({ match: "cro-den", speed: 2000, match_id: croDenId, seed: "test" });
    expect(final).toEqual({ simulation_id: expect.any(String), match_id: finalId, status: "running" });

    const running = await statusOf(final.simulation_id);
    expect(running).toMatchObject({
      status: "running",
      source_match: "wc2018-64-fra-cro",
      title: "France - Croatia",
      speed: 2000,
      seed: "2018",
    });
    expect(running.sent).toBeLessThan(running.total);

    const [f, c] = await Promise.all([settled(final.simulation_id), settled(croDen.simulation_id)]);
    expect(f).toMatchObject({
      status: "done",
      score: { home: 4, away: 2 },
      penalty_score: null,
      clock: "FT",
      match_minute: 90,
      stoppage_minute: 4,
    });
    expect(f.sent).toBe(f.total);
    expect(f.played_seconds).toBe(f.duration_seconds);
    expect(f.finished_at! >= f.started_at!).toBe(true);
    expect(f).not.toHaveProperty("error");
    expect(c).toMatchObject({
      status: "done",
      source_match: "wc2018-52-cro-den",
      seed: "test",
      score: { home: 1, away: 1 },
      penalty_score: { home: 3, away: 2 },
      match_minute: 120,
    });

    expect(await matchOf(finalId)).toMatchObject({
      status: "FINISHED",
      home: { score: 4 },
      away: { score: 2 },
      penalty_score: null,
    });
    expect(await matchOf(croDenId)).toMatchObject({
      status: "FINISHED",
      home: { score: 1 },
      away: { score: 1 },
      penalty_score: { home: 3, away: 2 },
    });

    const latest = await list();
    expect(latest.slice(0, 2).map((s) => s.simulation_id)).toEqual([
      croDen.simulation_id,
      final.simulation_id,
    ]);
    expect(latest[1]).toEqual(await statusOf(final.simulation_id));

    // Replaying into a log that already holds the match is refused; a fresh match_id is the way.
    const again = await start({ match: "final", speed: 2000, match_id: finalId });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({
      code: "already_replayed",
      message: expect.stringContaining(finalId),
    });
    const finished = await cancel(final.simulation_id);
    expect(finished.status).toBe(409);
    expect((await errorOf(finished)).code).toBe("not_running");
  });

  it("replays into the data's own id by default, once; an alarm run early sends nothing before its time", {
    timeout: 30_000,
  }, async () => {
    const first = await started({ match: "41", speed: 1 });
    expect(first.match_id).toBe("wc2018-41-eng-bel");
    // At 1× only the kick-off is due now; the first goal is minutes of real time away.
    const stub = env.SIMULATION.getByName("simulations");
    for (let i = 0; i < 3; i++) await runDurableObjectAlarm(stub);
    for (let i = 0; i < 100 && (await statusOf(first.simulation_id)).sent < 1; i++) await sleep(20);
    await runDurableObjectAlarm(stub);
    expect(await statusOf(first.simulation_id)).toMatchObject({ status: "running", sent: 1, clock: "1'" });
    expect((await matchOf(first.match_id)).last_sequence).toBe(1);
    const second = await start({ match: "eng-bel" });
    expect(second.status).toBe(409);
    expect(await errorOf(second)).toMatchObject({
      code: "already_replayed",
      message: expect.stringContaining(first.simulation_id),
    });
    expect((await cancel(first.simulation_id)).status).toBe(204);
  });

  it("of two starts racing into one match id, one runs and the other is refused", {
    timeout: 30_000,
  }, async () => {
    const matchId = freshMatchId("sim-race");
    const answers = await Promise.all([
      start({ match: "final", speed: 1, match_id: matchId }),
      start({ match: "64", speed: 1, match_id: matchId }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
    const winner = (await answers.find((r) => r.status === 202)!.json()) as SimulationStarted;
    expect((await errorOf(answers.find((r) => r.status === 409)!)).code).toBe("already_replayed");
    expect((await cancel(winner.simulation_id)).status).toBe(204);
  });

  it("cancel stops the replay where it is: nothing more reaches the room", { timeout: 30_000 }, async () => {
    const matchId = freshMatchId("sim-cancel");
    const { simulation_id } = await started({ match: "final", speed: 2000, match_id: matchId });
    const res = await cancel(simulation_id);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const cancelled = await statusOf(simulation_id);
    expect(cancelled).toMatchObject({ status: "cancelled", finished_at: expect.any(String) });
    expect(cancelled.sent).toBeLessThan(cancelled.total);

    // Longer than the whole replay would have taken at 2000× (about 3 s).
    await sleep(4000);
    const later = await statusOf(simulation_id);
    expect(later).toMatchObject({ status: "cancelled", sent: cancelled.sent, clock: cancelled.clock });
    const room = await matchOf(matchId);
    expect(room.status).not.toBe("FINISHED");
    expect(room.last_sequence).toBeLessThanOrEqual(cancelled.sent);
    expect((await cancel(simulation_id)).status).toBe(204);
  });

  it("fails, naming why, when the room refuses its events", { timeout: 30_000 }, async () => {
    const matchId = freshMatchId("sim-fail");
    const { simulation_id } = await started({ match: "final", speed: 500, match_id: matchId });
    // The same teams without their players: the first player the replay names (a generated foul's, or the first
    // goal's scorer) is unknown to the room.
    const bare = fixtureBody();
    expect(
      (
        await putFixture(matchId, {
          ...bare,
          home: { ...bare.home, players: [] },
          away: { ...bare.away, players: [] },
        })
      ).status,
    ).toBe(200);
    const failed = await settled(simulation_id);
    expect(failed).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^unknown_player: player (FRA|CRO)-\S+ is not on the (home|away) roster/),
    });
    expect(failed.sent).toBeLessThan(failed.total);
  });
});

describe("refusals: 4xx naming the problem, no replay started", () => {
  async function expectRefused(res: Response, status: number, code: string, names: string) {
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(JSON.stringify(error)).toContain(names);
    return error;
  }

  it("admin only, on every route", async () => {
    const wrong = { Authorization: `Bearer ${ADMIN_TOKEN}-not`, "Content-Type": "application/json" };
    for (const [method, path] of [
      ["POST", "/v1/ops/simulations"],
      ["GET", "/v1/ops/simulations"],
      ["GET", "/v1/ops/simulations/x"],
      ["DELETE", "/v1/ops/simulations/x"],
    ] as const) {
      const body = method === "POST" ? JSON.stringify({ match: "final" }) : undefined;
      await expectRefused(await call(path, { method, body }), 401, "unauthorized", "Bearer");
      await expectRefused(
        await call(path, { method, body, headers: wrong }),
        401,
        "unauthorized",
        "invalid admin token",
      );
    }
  });

  it("bad bodies", async () => {
    const before = (await list()).length;
    const raw = (body: string) => admin("/v1/ops/simulations", { method: "POST", body });
    await expectRefused(await raw('{"match": '), 400, "invalid_json", "not valid JSON");
    await expectRefused(await raw(""), 400, "invalid_json", "empty");
    await expectRefused(await start({ match: "99" }), 404, "unknown_match", "99");
    await expectRefused(await start({ match: "bra-fra" }), 404, "unknown_match", "bra-fra");
    const ambiguous = await expectRefused(
      await start({ match: "cro" }),
      422,
      "ambiguous_match",
      "wc2018-64-fra-cro",
    );
    expect(ambiguous.issues?.[0]?.path).toEqual(["match"]);
    for (const speed of [0, 0.5, 2001, "fast", null]) {
      const error = await expectRefused(
        await start({ match: "final", speed }),
        422,
        "validation_failed",
        "speed",
      );
      expect(error.issues?.[0]?.path).toEqual(["speed"]);
    }
    await expectRefused(
      await start({ match: "final", match_id: "not an id" }),
      422,
      "validation_failed",
      "match_id",
    );
    await expectRefused(await start({ speed: 30 }), 422, "validation_failed", "match");
    await expectRefused(await start({ match: "final", sped: 30 }), 422, "validation_failed", "sped");
    await expectRefused(await start(["final"]), 422, "validation_failed", "object");
    expect((await list()).length).toBe(before);
  });

  it("unknown simulations → 404", async () => {
    await expectRefused(await admin("/v1/ops/simulations/nope"), 404, "simulation_not_found", "nope");
    await expectRefused(await cancel("nope"), 404, "simulation_not_found", "nope");
  });
});
