import { describe, expect, it } from "vitest";
import { createQueues, listQueues, missingQueues, namesInQueueTable } from "../src/queues.mjs";

// The shape of `wrangler queues list` (cli-table3), here with colours as a terminal would get them.
const table = (rows) =>
  [
    "┌──────┬────────────────────────┬────────────┬───────────┬───────────┐",
    "│ \u001b[34mid\u001b[39m   │ name                   │ created_on │ producers │ consumers │",
    ...rows.map((r) => `│ 9f1c │ ${r.padEnd(22)} │ 2026-12-05T10:00:00Z │ 1 │ 1 │`),
    "└──────┴────────────────────────┴────────────┴───────────┴───────────┘",
  ].join("\n");

describe("queues", () => {
  it("reads the names of the table and finds the missing ones", () => {
    const names = namesInQueueTable(table(["buzz-match-events", "other-app-queue"]));
    expect(missingQueues(["buzz-match-events", "buzz-match-events-dlq"], names)).toEqual([
      "buzz-match-events-dlq",
    ]);
  });

  it("lists page after page until a page adds nothing", () => {
    const pages = [table(["a-1", "a-2"]), table(["a-3"]), table([])];
    const calls = [];
    const names = listQueues((args) => {
      calls.push(args.join(" "));
      return { ok: true, output: pages[calls.length - 1] };
    });
    expect(calls).toEqual(["queues list --page 1", "queues list --page 2", "queues list --page 3"]);
    expect(missingQueues(["a-1", "a-3", "a-4"], names)).toEqual(["a-4"]);
  });

  it("creates each missing queue; one created meanwhile is fine, another failure stops", () => {
    const run = (args) =>
      args[2] === "b"
        ? { ok: false, output: "A queue with this name already exists. [code: 11009]" }
        : { ok: args[2] !== "c", output: "Authentication error" };
    expect(createQueues(["a", "b"], run)).toEqual(["a"]);
    expect(() => createQueues(["a", "c"], run)).toThrow(/queues create c failed:\nAuthentication error/);
  });
});
