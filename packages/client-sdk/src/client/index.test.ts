import { describe, expect, it, vi } from "vitest";
import { BuzzHttpError, createClient } from "../index.js";
import { until, useHarness } from "../testing/harness.js";

const h = useHarness();
const open = () => h.server.openSockets();

describe("createClient", () => {
  it("shares one socket between handles on the same match, and closes it with the last handle", async () => {
    const m = h.server.match("shared");
    const client = h.client();
    const a = client.match("shared");
    const b = client.match("shared");
    await until(() => expect(b.status).toBe("live"));
    expect(h.server.connections).toHaveLength(1);
    const seenByB: number[] = [];
    b.on("event", (e) => seenByB.push(e.sequence_number));
    a.close();
    expect(a.status).toBe("offline");
    m.append("goal-home");
    await until(() => expect(seenByB).toEqual([1]));
    expect(b.state?.home.score).toBe(1);
    expect(open()).toBe(1);
    b.close();
    await until(() => expect(open()).toBe(0));
  });

  it("follows several matches at once, each on its own socket", async () => {
    const [x, y] = [h.server.match("x"), h.server.match("y")];
    const client = h.client();
    const hx = client.match("x");
    const hy = client.match("y");
    await until(() => expect([hx.status, hy.status]).toEqual(["live", "live"]));
    x.append("goal-home");
    y.append("shot", "goal-away");
    await until(() => expect([hx.state?.last_sequence, hy.state?.last_sequence]).toEqual([1, 2]));
    expect(hx.state).toEqual(x.state);
    expect(hy.state).toEqual(y.state);
  });

  it("close() ends every feed", async () => {
    h.server.match("c1");
    const client = h.client();
    const handle = client.match("c1");
    const list = client.matches();
    await until(() => expect([handle.status, list.status]).toEqual(["live", "live"]));
    client.close();
    expect([handle.status, list.status]).toEqual(["offline", "offline"]);
    await until(() => expect(open()).toBe(0));
  });

  it("reads over HTTP without the device token (reads are public), and names the contract's error code", async () => {
    const m = h.server.match("read");
    m.append("shot", "goal-home", "shot");
    const auth: (string | null)[] = [];
    const client = h.client({
      token: "device-token",
      fetch: (input, init) => {
        auth.push(new Headers(init?.headers).get("authorization"));
        return fetch(input, init);
      },
    });
    expect(await client.getMatch("read")).toEqual(m.state);
    const page = await client.getEvents("read", { after: 1, limit: 1 });
    expect(page).toEqual({ events: [m.log[1]], next_after: 2 });
    expect(await client.getEvents("read", { until: 1 })).toEqual({ events: [m.log[0]], next_after: 1 });
    const err = await client.getMatch("nope").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuzzHttpError);
    expect(err).toMatchObject({ status: 404, code: "match_not_found" });
    expect(auth).toEqual([null, null, null, null]);
  });

  it("can be created where there is no WebSocket (server rendering); opening a feed says what to pass", () => {
    vi.stubGlobal("WebSocket", undefined);
    try {
      const client = createClient({ baseUrl: "http://127.0.0.1:1" });
      expect(() => client.match("m")).toThrow(/options\.WebSocket/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("requires a baseUrl", () => {
    expect(() => createClient({} as never)).toThrow(/baseUrl/);
  });
});
