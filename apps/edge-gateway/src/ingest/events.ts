import {
  describeIssues,
  type EventInput,
  type IngestResponse,
  type Issue,
  MAX_BATCH_EVENTS,
} from "@buzz/schema/contract";
import { parseIngestBody } from "@buzz/schema/validate";
import { DomainError, unwrap } from "../errors/index.js";
import { roomOf } from "../matches/room.js";

/** Why a caller may not send this event (a 403), or null when it may. */
export type RefuseEvent = (event: EventInput) => string | null;

/**
 * What every way in (a signed source, the operations console, a platform replay) does once the caller is
 * known: validate one event or `{"events": [...]}` within the batch limit, let the caller refuse events it
 * may not send, and sequence them all or nothing. Every refusal happens before the room is asked, so a
 * refused request changes nothing. Throws DomainError (4xx) for the client's mistakes.
 */
export async function ingestEvents(
  env: Env,
  matchId: string,
  body: unknown,
  receivedAt: string,
  refuse?: RefuseEvent,
): Promise<IngestResponse> {
  const parsed = parseIngestBody(body, batchLimit(env));
  if (!parsed.ok) {
    const status = parsed.code === "batch_too_large" ? 413 : 422;
    throw new DomainError(
      status,
      parsed.code,
      `${parsed.message}: ${describeIssues(parsed.issues)}`,
      parsed.issues,
    );
  }

  const refused: Issue[] = [];
  parsed.events.forEach((e, i) => {
    const why = refuse?.(e);
    if (why)
      refused.push({
        path: parsed.batch ? ["events", i, "source", "system"] : ["source", "system"],
        message: why,
      });
  });
  if (refused.length) throw new DomainError(403, "forbidden", describeIssues(refused), refused);

  const { results } = unwrap(await roomOf(env, matchId).ingest(parsed.events, receivedAt));
  return { results };
}

/** MAX_BATCH_EVENTS, or the contract's 500. */
export function batchLimit(env: Env): number {
  const limit = Number(env.MAX_BATCH_EVENTS);
  return Number.isSafeInteger(limit) && limit > 0 ? limit : MAX_BATCH_EVENTS;
}
