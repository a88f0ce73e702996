import type { DeadLetterView } from "@buzz/schema/contract";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type Call, stubApi } from "../testing/api.js";
import { renderPage } from "../testing/render.js";
import { OpsPage } from "./index.js";

const A = "0b5f4a3e-6f1c-4d2a-9c1e-1a2b3c4d5e6f";
const B = "7d2e1c0b-3a4f-4e5d-8b6a-9f8e7d6c5b4a";

const letter = (over: Partial<DeadLetterView>): DeadLetterView => ({
  id: A,
  queue: "notifications-dlq",
  source_queue: "notifications",
  event_id: "evt-1",
  reason: "push service 500",
  attempts: 5,
  state: "dead",
  first_seen_at: "2026-05-01T12:00:00.000Z",
  redriven_at: null,
  message_id: "m-1",
  issues: null,
  enqueued_at: null,
  body: {},
  ...over,
});

/** A fake of the dead-letter and replay routes that filters and redrives like the gateway. */
function pipelineServer(fail?: { status: number; code: string; message: string }) {
  const letters = [
    letter({}),
    letter({
      id: B,
      queue: "match-events-dlq",
      source_queue: "match-events",
      reason: "invalid body",
      attempts: 3,
    }),
  ];
  return stubApi((c: Call) => {
    const url = new URL(c.path, "http://x");
    if (url.pathname === "/v1/ops/dead-letters") {
      const queue = url.searchParams.get("queue");
      return { body: { dead_letters: letters.filter((l) => !queue || l.source_queue === queue) } };
    }
    const redrive = /^\/v1\/ops\/dead-letters\/([^/]+)\/redrive$/.exec(url.pathname);
    if (redrive && c.method === "POST") {
      if (fail) return { status: fail.status, body: { error: { code: fail.code, message: fail.message } } };
      const l = letters.find((x) => x.id === redrive[1])!;
      l.state = "redriven";
      return {
        status: 202,
        body: {
          id: l.id,
          source_queue: l.source_queue,
          state: "redriven",
          redriven_at: "2026-05-01T12:05:00.000Z",
        },
      };
    }
    if (url.pathname === "/v1/ops/matches/wc2018-64-fra-cro/replay" && c.method === "POST")
      return { status: 202, body: { events: 137 } };
    return undefined;
  });
}

function open() {
  sessionStorage.setItem("buzz:admin-token", "dev-admin-token");
  renderPage(<OpsPage />);
  return screen.getByRole("region", { name: "Dead letters" });
}

const rows = (section: HTMLElement) =>
  within(within(section).getByTestId("dead-letters")).getAllByRole("row").slice(1);

describe("pipeline tools", () => {
  it("lists dead letters with queue, reason, attempts, first seen and state, and filters by queue", async () => {
    const calls = pipelineServer();
    const section = open();
    await within(section).findByTestId("dead-letters");
    const [first, second] = rows(section);
    expect(
      within(first!)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      "push service 500",
      "5",
      new Date("2026-05-01T12:00:00.000Z").toLocaleString(),
      "dead",
      "Redrive",
    ]);
    expect(within(first!).getByRole("rowheader").textContent).toBe("notifications");
    expect(second!.textContent).toContain("invalid body");
    expect(calls.find((c) => c.path.startsWith("/v1/ops/dead-letters"))?.auth).toBe("Bearer dev-admin-token");

    fireEvent.change(within(section).getByLabelText("Queue"), { target: { value: "match-events" } });
    await waitFor(() => expect(rows(section)).toHaveLength(1));
    expect(rows(section)[0]!.textContent).toContain("invalid body");
    expect(calls.at(-1)?.path).toBe("/v1/ops/dead-letters?queue=match-events");
  });

  it("redrives one letter with the admin token, then reloads the table", async () => {
    const calls = pipelineServer();
    const section = open();
    await within(section).findByTestId("dead-letters");
    const lists = () =>
      calls.filter((c) => c.method === "GET" && c.path.startsWith("/v1/ops/dead-letters")).length;
    const listsBefore = lists();
    fireEvent.click(within(section).getByRole("button", { name: `Redrive ${A} to notifications` }));

    expect((await within(section).findByRole("status")).textContent).toBe(
      `Dead letter ${A} sent back to notifications.`,
    );
    const post = calls.find((c) => c.method === "POST")!;
    expect(post).toMatchObject({ path: `/v1/ops/dead-letters/${A}/redrive`, auth: "Bearer dev-admin-token" });
    await waitFor(() => expect(within(rows(section)[0]!).queryByRole("button")).toBeNull());
    expect(rows(section)[0]!.textContent).toContain("redriven");
    expect(lists()).toBeGreaterThan(listsBefore);
  });

  it("shows the contract error's message when a redrive is refused", async () => {
    pipelineServer({
      status: 409,
      code: "already_redriven",
      message: `dead letter ${A} was already redriven`,
    });
    const section = open();
    await within(section).findByTestId("dead-letters");
    fireEvent.click(within(section).getByRole("button", { name: `Redrive ${A} to notifications` }));
    expect((await within(section).findByRole("alert")).textContent).toBe(
      `Could not redrive ${A}: dead letter ${A} was already redriven`,
    );
  });

  it("replays a match through the pipeline and shows how many events were requeued", async () => {
    const calls = pipelineServer();
    open();
    const form = screen.getByRole("form", { name: "Replay through the pipeline" });
    expect(form.textContent).toContain("No device is notified twice");
    fireEvent.change(within(form).getByLabelText("Match id"), { target: { value: " wc2018-64-fra-cro " } });
    fireEvent.click(within(form).getByRole("button", { name: "Replay through the pipeline" }));
    expect((await within(form).findByRole("status")).textContent).toBe(
      "137 events of wc2018-64-fra-cro requeued through the pipeline.",
    );
    expect(calls.find((c) => c.method === "POST")).toMatchObject({
      path: "/v1/ops/matches/wc2018-64-fra-cro/replay",
      auth: "Bearer dev-admin-token",
    });
  });

  it("shows an unknown match's error message from the replay", async () => {
    stubApi((c) =>
      c.path.endsWith("/replay")
        ? {
            status: 404,
            body: {
              error: {
                code: "match_not_found",
                message: "no fixture for this match: PUT /v1/matches/{match_id} first",
              },
            },
          }
        : undefined,
    );
    open();
    const form = screen.getByRole("form", { name: "Replay through the pipeline" });
    fireEvent.change(within(form).getByLabelText("Match id"), { target: { value: "nope" } });
    fireEvent.click(within(form).getByRole("button", { name: "Replay through the pipeline" }));
    expect((await within(form).findByRole("alert")).textContent).toBe(
      "Not replayed: no fixture for this match: PUT /v1/matches/{match_id} first",
    );
  });
});
