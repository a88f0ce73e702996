import * as z from "zod";
import type { Issue } from "../contract/errors.js";
import { EVENT_VERSION, MAX_BATCH_EVENTS } from "../contract/events.js";
import type { EventInput } from "../contract/input.js";
import { upcast } from "../contract/upcast.js";
import { EventInputSchema } from "./input.js";
import { toIssues } from "./issues.js";

export type ParsedIngestBody =
  | { ok: true; events: EventInput[]; batch: boolean }
  | { ok: false; code: "validation_failed" | "batch_too_large"; message: string; issues: Issue[] };

const VersionSchema = z.object({
  event_version: z.union([z.literal(1), z.literal(EVENT_VERSION)]).optional(),
});

function parseOne(raw: unknown, path: (string | number)[]): { event?: EventInput; issues: Issue[] } {
  const version = VersionSchema.safeParse(raw);
  if (!version.success) return { issues: toIssues(version.error, path) };
  const parsed = EventInputSchema.safeParse(upcast(raw));
  return parsed.success
    ? { event: { ...parsed.data, event_version: EVENT_VERSION }, issues: [] }
    : { issues: toIssues(parsed.error, path) };
}

/** `POST /v1/matches/{id}/events` takes one event or `{"events": [...]}`; a batch is valid only as a whole. */
export function parseIngestBody(body: unknown, maxEvents = MAX_BATCH_EVENTS): ParsedIngestBody {
  const isBatch = typeof body === "object" && body !== null && !Array.isArray(body) && "events" in body;
  if (!isBatch) {
    const { event, issues } = parseOne(body, []);
    return event
      ? { ok: true, events: [event], batch: false }
      : { ok: false, code: "validation_failed", message: "invalid event", issues };
  }
  const list = (body as { events: unknown }).events;
  if (!Array.isArray(list) || list.length === 0) {
    return {
      ok: false,
      code: "validation_failed",
      message: "events must be a non-empty array",
      issues: [{ path: ["events"], message: "expected a non-empty array of events" }],
    };
  }
  if (list.length > maxEvents) {
    return {
      ok: false,
      code: "batch_too_large",
      message: `a batch holds at most ${maxEvents} events, got ${list.length}`,
      issues: [{ path: ["events"], message: `at most ${maxEvents} events` }],
    };
  }
  const events: EventInput[] = [];
  const issues: Issue[] = [];
  list.forEach((raw, i) => {
    const one = parseOne(raw, ["events", i]);
    if (one.event) events.push(one.event);
    issues.push(...one.issues);
  });
  return issues.length
    ? { ok: false, code: "validation_failed", message: "invalid events in batch", issues }
    : { ok: true, events, batch: true };
}
