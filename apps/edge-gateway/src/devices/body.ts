import { describeIssues } from "@buzz/schema/contract";
import { toIssues } from "@buzz/schema/validate";
import type { z } from "zod";
import { DomainError } from "../errors/index.js";
import { parseJson, readBody } from "../request/body.js";

/** Device bodies are a few hundred bytes; anything near this is not a device talking. */
export const DEVICE_BODY_LIMIT = 16 * 1024;

/** The request's JSON body checked against `schema`: 413, 400 invalid_json or 422 validation_failed otherwise. */
export async function body<S extends z.ZodType>(
  req: Request,
  schema: S,
  emptyIsObject = false,
): Promise<z.output<S>> {
  // The limit is enforced by limitBody(DEVICE_BODY_LIMIT) on every device route (index.ts).
  const bytes = await readBody(req);
  const raw = emptyIsObject && new TextDecoder().decode(bytes).trim() === "" ? {} : parseJson(bytes);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error);
  throw new DomainError(422, "validation_failed", `invalid body: ${describeIssues(issues)}`, issues);
}
