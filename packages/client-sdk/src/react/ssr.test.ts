import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createClient } from "../index.js";
import { recordingFetch } from "../testing/fake-push.js";
import { useHarness } from "../testing/harness.js";
import { BuzzProvider, useLiveMatches, useMatch, usePreferences } from "./index.js";

const h = useHarness();

function Score({ id }: { id: string }) {
  const { state, status } = useMatch(id);
  return createElement(
    "p",
    null,
    `${status}:${state ? `${state.home.score}-${state.away.score}` : "no score"}`,
  );
}
function List() {
  const { matches, status } = useLiveMatches();
  return createElement("p", null, `${status}:${matches.length} matches`);
}

describe("React hooks on the server", () => {
  it("render the empty snapshot and open no socket, even with a live match and a WebSocket at hand", () => {
    h.server.match("ssr").append("goal-home");
    const client = h.client();
    const html = renderToString(
      createElement(BuzzProvider, { client }, createElement(Score, { id: "ssr" }), createElement(List)),
    );
    expect(html).toBe("<p>connecting:no score</p><p>connecting:0 matches</p>");
    expect(h.server.connections).toHaveLength(0);
  });

  it("render without any WebSocket in the runtime (Node 20, an edge renderer)", () => {
    const client = createClient({ baseUrl: "https://buzz.example" });
    const html = renderToString(createElement(BuzzProvider, { client }, createElement(Score, { id: "any" })));
    expect(html).toBe("<p>connecting:no score</p>");
  });

  it("render preferences as loading and fetch nothing", () => {
    const f = recordingFetch();
    function Toggles() {
      const { status } = usePreferences({ baseUrl: "https://buzz.example", token: "t", fetch: f.fetch });
      return createElement("p", null, status);
    }
    expect(renderToString(createElement(Toggles))).toBe("<p>loading</p>");
    expect(f.calls).toEqual([]);
  });

  it("ran with no window or document (so the import itself is server-safe)", () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
  });

  it("say what is missing without a provider", () => {
    expect(() => renderToString(createElement(Score, { id: "x" }))).toThrow(/BuzzProvider/);
  });
});
