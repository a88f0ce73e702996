import { describe, expect, it } from "vitest";
import { FIXTURE } from "../testing/fake-server.js";
import { until, useHarness } from "../testing/harness.js";

const h = useHarness();
const at = (kickoff_at: string) => ({ ...FIXTURE, kickoff_at });

describe("client.matches", () => {
  it("loads the list on connect and keeps it current, in kickoff order", async () => {
    const late = h.server.match("late", at("2018-07-15T18:00:00Z"));
    h.server.match("early", at("2018-07-14T14:00:00Z"));
    const list = h.client().matches();
    const changes: string[][] = [];
    list.on("matches", (ms) => changes.push(ms.map((m) => m.match_id)));
    await until(() => expect(list.status).toBe("live"));
    expect(list.matches.map((m) => m.match_id)).toEqual(["early", "late"]);

    late.append("goal-home");
    await until(() => expect(list.matches.find((m) => m.match_id === "late")?.home.score).toBe(1));
    h.server.match("middle", at("2018-07-15T15:00:00Z")).append("shot");
    await until(() => expect(list.matches.map((m) => m.match_id)).toEqual(["early", "middle", "late"]));
    expect(changes.at(-1)).toEqual(["early", "middle", "late"]);
  });

  it("never lets an older summary replace a newer one", async () => {
    const m = h.server.match("race");
    const list = h.client().matches();
    await until(() => expect(list.status).toBe("live"));
    m.append("goal-home", "goal-home");
    await until(() => expect(list.matches[0]?.last_sequence).toBe(2));
    const stale = { ...list.matches[0]!, last_sequence: 1, home: { ...list.matches[0]!.home, score: 1 } };
    h.server.connections.forEach((c) => {
      c.socket.send(JSON.stringify({ type: "match", match: stale }));
    });
    m.append("shot");
    await until(() => expect(list.matches[0]?.last_sequence).toBe(3));
    expect(list.matches[0]?.home.score).toBe(2);
  });

  it("reloads the whole list after a reconnect", async () => {
    const m = h.server.match("r1");
    const list = h.client().matches();
    await until(() => expect(list.status).toBe("live"));
    h.server.dropAll();
    m.sequence("goal-away"); // changes while the socket is down
    h.server.match("r2").sequence("shot");
    await until(() =>
      expect(list.matches.map((x) => [x.match_id, x.away.score])).toEqual([
        ["r1", 1],
        ["r2", 0],
      ]),
    );
    expect(list.status).toBe("live");
  });
});
