import { describe, expect, it } from "vitest";
import { call, errorOf, freshMatchId, ingest, kickOff, putFixture } from "../testing/http.js";

describe("GET /v1/matches/{id}/live", () => {
  it("answers 426 without a WebSocket upgrade", async () => {
    const res = await call(`/v1/matches/${freshMatchId()}/live`);
    expect(res.status).toBe(426);
    expect(res.headers.get("Upgrade")).toBe("websocket");
    expect((await errorOf(res)).code).toBe("upgrade_required");
  });

  it.each(["-1", "x", "1.5"])("refuses after=%s with 400", async (after) => {
    const res = await call(`/v1/matches/${freshMatchId()}/live?after=${after}`, {
      headers: { Upgrade: "websocket" },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_query");
  });

  it("refuses an invalid match id with 400", async () => {
    const res = await call(`/v1/matches/-bad/live`, { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(400);
  });

  it("hands the upgrade to the match's room, which opens with a snapshot of that match", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    const res = await call(`/v1/matches/${matchId}/live`, {
      headers: { Upgrade: "websocket", Origin: "https://fan.example" },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const first = new Promise<{ type: string; state: { match_id: string } }>((resolve) => {
      ws.addEventListener("message", (m) => resolve(JSON.parse(m.data as string)));
    });
    ws.accept();
    const message = await first;
    expect(message.type).toBe("snapshot");
    expect(message.state.match_id).toBe(matchId);
    ws.close();
  });
});

describe("GET /v1/matches/{id}/stream", () => {
  it.each([
    ["after", "?after=-3", {}],
    ["Last-Event-ID", "", { "Last-Event-ID": "abc" }],
  ])("refuses a bad %s with 400", async (name, query, headers) => {
    const res = await call(`/v1/matches/${freshMatchId()}/stream${query}`, { headers });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain(name);
  });

  it("hands the stream to the match's room, which resumes after Last-Event-ID", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    await ingest(matchId, { events: [kickOff(), { ...kickOff(), event_type: "PERIOD_ENDED" }] });
    const controller = new AbortController();
    const res = await call(`/v1/matches/${matchId}/stream`, {
      headers: { "Last-Event-ID": "1" },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    let text = "";
    while (!/\nid: ?2\b/.test(`\n${text}`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toMatch(/(^|\n)id: ?2\b/);
    expect(text).not.toMatch(/(^|\n)id: ?1\b/);
    await reader.cancel();
    controller.abort();
  });

  it("answers HEAD with the stream's status and headers at once, and no body", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    const res = await call(`/v1/matches/${matchId}/stream`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/event-stream");
    expect(await res.text()).toBe("");
  });
});

describe("GET /v1/live/matches", () => {
  it("answers 426 without a WebSocket upgrade", async () => {
    expect((await call("/v1/live/matches")).status).toBe(426);
  });

  it("sends the list on connect, then each match as it changes", async () => {
    const matchId = freshMatchId();
    await putFixture(matchId);
    const res = await call("/v1/live/matches", { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: {
      type: string;
      matches?: { match_id: string }[];
      match?: { match_id: string; status: string };
    }[] = [];
    let wake = () => {};
    ws.addEventListener("message", (m) => {
      messages.push(JSON.parse(m.data as string));
      wake();
    });
    ws.accept();
    const until = async (pred: () => boolean) => {
      while (!pred()) await new Promise<void>((r) => (wake = r));
    };
    await until(() => messages.length >= 1);
    expect(messages[0]!.type).toBe("matches");
    expect(messages[0]!.matches!.map((m) => m.match_id)).toContain(matchId);
    expect((await ingest(matchId, kickOff())).status).toBe(202);
    await until(() =>
      messages.some((m) => m.type === "match" && m.match!.match_id === matchId && m.match!.status === "LIVE"),
    );
    ws.close();
  });
});
