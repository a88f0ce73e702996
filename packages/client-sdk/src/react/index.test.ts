// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { createElement, StrictMode, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { until, useHarness } from "../testing/harness.js";
import { BuzzProvider, useLiveMatches, useMatch } from "./index.js";

const h = useHarness();
afterEach(cleanup);

/** Every render of Score: the id asked for and the match shown. */
let renders: [string, string | undefined][] = [];
function Score({ id }: { id: string }) {
  const { state, events, status } = useMatch(id);
  renders.push([id, state?.match_id]);
  const score = state ? `${state.home.name} ${state.home.score}-${state.away.score} ${state.away.name}` : "…";
  return createElement(
    "div",
    null,
    createElement("p", { "data-testid": "score" }, score),
    createElement("p", { "data-testid": "status" }, status),
    createElement("p", { "data-testid": "count" }, String(events.length)),
  );
}
function List() {
  const { matches } = useLiveMatches();
  return createElement(
    "ul",
    null,
    ...matches.map((m) =>
      createElement("li", { key: m.match_id }, `${m.match_id} ${m.home.score}-${m.away.score}`),
    ),
  );
}
// The package compiles without the DOM lib (the core must not need it), so read text structurally.
const textOf = (el: unknown) => (el as { textContent: string | null }).textContent;
const text = (id: string) => textOf(screen.getByTestId(id));

describe("React hooks in the browser", () => {
  it("useMatch re-renders on a score change", async () => {
    const m = h.server.match("r1");
    render(createElement(BuzzProvider, { client: h.client() }, createElement(Score, { id: "r1" })));
    expect(text("status")).toBe("connecting");
    await until(() => expect(text("score")).toBe("Home FC 0-0 Away United"));
    await until(() => expect(text("status")).toBe("live"));
    act(() => void m.append("goal-home"));
    await until(() => expect(text("score")).toBe("Home FC 1-0 Away United"));
    act(() => void m.append("shot", "goal-away"));
    await until(() => expect(text("score")).toBe("Home FC 1-1 Away United"));
    expect(text("count")).toBe("3");
  });

  it("useLiveMatches follows the list", async () => {
    const a = h.server.match("a");
    h.server.match("b");
    render(createElement(BuzzProvider, { client: h.client() }, createElement(List)));
    await until(() => expect(screen.getAllByRole("listitem").map(textOf)).toEqual(["a 0-0", "b 0-0"]));
    act(() => void a.append("goal-away"));
    await until(() => expect(textOf(screen.getAllByRole("listitem")[0])).toBe("a 0-1"));
  });

  it("switches matches when the id changes, and releases sockets on unmount (StrictMode too)", async () => {
    h.server.match("one").append("goal-home");
    h.server.match("two").append("goal-away", "goal-away");
    let show: (id: string) => void = () => {};
    function Switcher() {
      const [id, setId] = useState("one");
      show = setId;
      return createElement(Score, { id });
    }
    const view = render(
      createElement(
        StrictMode,
        null,
        createElement(BuzzProvider, { client: h.client() }, createElement(Switcher)),
      ),
    );
    await until(() => expect(text("score")).toBe("Home FC 1-0 Away United"));
    renders = [];
    act(() => show("two"));
    await until(() => expect(text("score")).toBe("Home FC 0-2 Away United"));
    // Never the old match under the new id, not even for one render.
    expect(renders.filter(([id, shown]) => shown !== undefined && shown !== id)).toEqual([]);
    expect(renders.at(-1)).toEqual(["two", "two"]);
    await until(() => expect(h.server.openSockets()).toBe(1));
    view.unmount();
    await until(() => expect(h.server.openSockets()).toBe(0));
  });

  it("useMatch on a match the server does not know: status failed and the 404, with jsdom's own WebSocket", async () => {
    function Failed() {
      const { status, error } = useMatch("nowhere");
      return createElement(
        "p",
        { "data-testid": "failed" },
        `${status} ${error?.status ?? ""} ${error?.code ?? ""}`,
      );
    }
    // No WebSocket option: the browser's, which cannot say why an upgrade was refused.
    const client = h.client({ WebSocket: undefined });
    render(createElement(BuzzProvider, { client }, createElement(Failed)));
    expect(text("failed")).toBe("connecting  ");
    await until(() => expect(text("failed")).toBe("failed 404 match_not_found"));
  });
});
