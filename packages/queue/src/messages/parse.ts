import type { Issue } from "@buzz/schema/contract";
import { toIssues } from "@buzz/schema/validate";
import type * as z from "zod";

/** Parses a message off a queue with its schema; what does not fit is poison, with the issues that say why. */
export function parseMessage<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: toIssues(parsed.error) };
}
