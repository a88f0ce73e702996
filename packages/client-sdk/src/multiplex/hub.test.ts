import { describe, expect, it } from "vitest";
import { BuzzFatalError } from "../index.js";
import { delivered, range, until, useHarness } from "../testing/harness.js";
import { MAX_MULTI_MATCHES } from "./hub.js";

const h = useHarness();

/** The sockets the server holds open now, by path. */
const open = () =>
  h.server.connections.filter((c) => c.socket.readyState === c.socket.OPEN).map((c) => c.path);
/** `matches=` of the client's latest socket. */
const lastList = () => new URL(h.sockets.at(-1)!.url).searchParams.get("matches");

describe("client.match with several matches open (one socket, v1.1)", () => {
  it("carries two matches on one socket, each once and in order, and resumes each from its own AFTER", async () => {
    const [a, b] = [h.server.match("a"), h.server.match("b")];
    a.append("shot");
    const client = h.client();
    const [ha, hb] = [client.match("a"), client.match("b")];
    const [sa, sb] = [delivered(ha), delivered(hb)];
    await until(() => expect([ha.status, hb.status]).toEqual(["live", "live"]));
    expect(open()).toEqual(["/v1/live"]);
    expect(lastList()).toBe("a:,b:");
    expect(ha.state).toEqual(a.state);

    a.append("goal-home", "shot");
    b.append("goal-away");
    await until(() => expect([sa, sb]).toEqual([[2, 3], [1]]));

    h.server.dropAll();
    a.sequence("shot", "shot"); // only a resume can deliver these
    b.sequence("shot");
    await until(() => expect([ha.state?.last_sequence, hb.state?.last_sequence]).toEqual([5, 2]));
    expect(lastList()).toBe("a:3,b:1");
    expect([sa, sb]).toEqual([range(2, 5), range(1, 2)]);
    expect([ha.state, hb.state]).toEqual([a.state, b.state]);
    expect(open()).toEqual(["/v1/live"]);
  });

  it("a match opening or closing reopens the one socket with the matches still open; the last close ends it", async () => {
    const [a, b, c] = [h.server.match("a"), h.server.match("b"), h.server.match("c")];
    const client = h.client();
    const [ha, hb] = [client.match("a"), client.match("b")];
    const sa = delivered(ha);
    await until(() => expect([ha.status, hb.status]).toEqual(["live", "live"]));
    a.append("shot");
    await until(() => expect(sa).toEqual([1]));

    const hc = client.match("c");
    await until(() => expect(hc.status).toBe("live"));
    expect(lastList()).toBe("a:1,b:0,c:");
    expect(open()).toEqual(["/v1/live"]);
    a.append("shot");
    c.append("goal-home");
    await until(() => expect([ha.state?.last_sequence, hc.state?.last_sequence]).toEqual([2, 1]));
    expect(sa).toEqual([1, 2]); // nothing lost or repeated across the reopen

    hb.close();
    await until(() => expect(lastList()).toBe("a:2,c:1"));
    await until(() => expect(open()).toEqual(["/v1/live"]));
    b.append("shot"); // no longer followed: reaches nobody
    expect(hb.state?.last_sequence).toBe(0);
    ha.close();
    hc.close();
    await until(() => expect(open()).toEqual([]));
    // A socket stops counting as open at the closing handshake; the server forgets it at the close that follows.
    await until(() => expect(h.server.matches.get("c")!.shared.size).toBe(0));
  });

  it("a match that does not exist fails alone with 404 match_not_found; the others stay live", async () => {
    const a = h.server.match("a");
    h.server.match("b");
    const client = h.client();
    const [ha, hb, missing] = [client.match("a"), client.match("b"), client.match("nope")];
    await until(() => expect(missing.status).toBe("failed"));
    expect(missing.error).toBeInstanceOf(BuzzFatalError);
    expect(missing.error).toMatchObject({ status: 404, code: "match_not_found" });
    await until(() => expect([ha.status, hb.status]).toEqual(["live", "live"]));
    expect(lastList()).toBe("a:,b:");
    a.append("goal-home");
    await until(() => expect(ha.state?.home.score).toBe(1));
  });

  it("past 50 matches the rest get sockets of their own", async () => {
    const ids = range(1, MAX_MULTI_MATCHES + 1).map((n) => `m${n}`);
    for (const id of ids) h.server.match(id);
    const client = h.client();
    const handles = ids.map((id) => client.match(id));
    await until(() => expect(handles.every((m) => m.status === "live")).toBe(true));
    expect(open().sort()).toEqual(["/v1/live", `/v1/matches/m${MAX_MULTI_MATCHES + 1}/live`]);
  });

  it("multiplex: false keeps one socket per match", async () => {
    for (const id of ["a", "b"]) h.server.match(id);
    const client = h.client({ multiplex: false });
    const handles = [client.match("a"), client.match("b")];
    await until(() => expect(handles.map((m) => m.status)).toEqual(["live", "live"]));
    expect(open().sort()).toEqual(["/v1/matches/a/live", "/v1/matches/b/live"]);
  });
});
