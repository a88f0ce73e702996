// The pieces every operation of the document is made of: who may call it, the JSON it takes, and the errors it
// answers. Bodies are the zod schemas the routes validate with, so the document cannot drift from the code.
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { MAX_BATCH_EVENTS } from "@buzz/schema/contract";
import { EventInputSchema, IdSchema } from "@buzz/schema/validate";
import * as z from "zod";

export type Auth = "none" | "device" | "admin" | "source";

export const SECURITY_SCHEMES = {
  admin: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN (locally `dev-admin-token`)" },
  device: { type: "http", scheme: "bearer", description: "the device token from POST /v1/devices" },
  sourceKey: { type: "apiKey", in: "header", name: "X-Buzz-Key-Id" },
  sourceTimestamp: {
    type: "apiKey",
    in: "header",
    name: "X-Buzz-Timestamp",
    description: "unix seconds, ±300 s",
  },
  sourceSignature: {
    type: "apiKey",
    in: "header",
    name: "X-Buzz-Signature",
    description:
      'v2=<hex HMAC-SHA256(secret, timestamp + "." + METHOD + "." + path + "." + raw body)>; v1 (no method or path) where SOURCE_SIGNATURES allows it',
  },
} as const;

const SECURITY: Record<Auth, RouteConfig["security"]> = {
  none: [],
  device: [{ device: [] }],
  admin: [{ admin: [] }],
  source: [{ sourceKey: [], sourceTimestamp: [], sourceSignature: [] }],
};

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  }),
});

const ERRORS: Record<Auth, Record<number, string>> = {
  none: { 400: "malformed request", 404: "not found" },
  device: { 401: "missing or unknown device token", 503: "Postgres unavailable (Retry-After)" },
  admin: { 401: "missing or wrong admin token" },
  source: { 401: "unsigned, badly signed, unknown key or stale timestamp", 403: "key not allowed here" },
};

export const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
export const matchParams = z.object({ id: IdSchema });
export const uuidParams = z.object({ id: z.uuid() });

/** One operation: its success answers plus the errors its kind of caller can meet, each in the contract's shape. */
export function operation(
  auth: Auth,
  spec: Omit<RouteConfig, "responses" | "security"> & { ok: Record<number, string | z.ZodType> },
): RouteConfig {
  const { ok, ...route } = spec;
  const responses: RouteConfig["responses"] = {};
  for (const [status, answer] of Object.entries(ok))
    responses[status] =
      typeof answer === "string" ? { description: answer } : { description: "OK", ...json(answer) };
  const errors = { ...ERRORS.none, ...ERRORS[auth], 422: "a field is invalid (issues name each)" };
  for (const [status, description] of Object.entries(errors))
    responses[status] ??= { description, ...json(ErrorBodySchema) };
  return {
    ...route,
    responses,
    security: SECURITY[auth],
    tags: route.tags ?? [auth === "none" ? "public" : auth],
  };
}

/** What ingest takes (one event or a batch) and answers; the referee route of /v1/ops takes the same. */
export const IngestBodySchema = z.union([
  EventInputSchema,
  z.strictObject({ events: z.array(EventInputSchema).min(1).max(MAX_BATCH_EVENTS) }),
]);
export const IngestResponseSchema = z.object({
  results: z.array(
    z.object({
      event_id: z.string(),
      sequence_number: z.number().int(),
      status: z.enum(["sequenced", "duplicate", "amended"]),
    }),
  ),
});
