// The body of POST /v1/ops/webhooks, and what a webhook URL may be.
import { PUBLISHED_EVENT_TYPES, type PublishedEventType } from "@buzz/schema/contract";
import * as z from "zod";
import { hostKind } from "./host.js";

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * "*" = every event type, now and future; otherwise types of the catalogue that are published; "alert" = the
 * alert rules' changes of state (GET /v1/ops/alerts), which "*" does not include: they are for operators.
 */
const EventTypeSchema = z.union(
  [
    z.literal("*"),
    z.literal("alert"),
    z.enum(PUBLISHED_EVENT_TYPES as [PublishedEventType, ...PublishedEventType[]]),
  ],
  {
    error: `must be "*", "alert" or a published event type: ${PUBLISHED_EVENT_TYPES.join(", ")}`,
  },
);

export function webhookInputSchema(allowLoopback: boolean) {
  return z.strictObject({
    url: z
      .string()
      .max(MAX_WEBHOOK_URL_LENGTH)
      .superRefine((raw, ctx) => {
        const problem = urlProblem(raw, allowLoopback);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .transform((raw) => new URL(raw).href),
    event_types: z
      .array(EventTypeSchema)
      .min(1, 'list at least one event type, or ["*"] for all')
      .max(PUBLISHED_EVENT_TYPES.length + 1)
      .refine(
        (types) => !types.includes("*") || types.length === 1,
        '"*" already means every type: send it alone',
      )
      .transform((types) => [...new Set(types)].sort()),
  });
}

export type WebhookInput = z.output<ReturnType<typeof webhookInputSchema>>;

/**
 * Why a URL cannot be a webhook, or undefined. https only, no credentials (they would end up in logs: the
 * signature is the authentication), no fragment (never sent). Loopback and private addresses are refused
 * unless allowed, as the start of SSRF protection; a public name that resolves to a private address is
 * beyond what can be checked here (Workers cannot reach private networks in production anyway).
 */
export function urlProblem(raw: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password)
    return "must not contain credentials: the signature authenticates the sender";
  if (url.hash) return "must not have a fragment";
  const kind = hostKind(url.hostname);
  if (url.protocol === "https:")
    return kind !== "public" && !allowLoopback
      ? "must not point at a loopback or private address"
      : undefined;
  if (url.protocol === "http:" && allowLoopback && kind === "loopback") return undefined;
  return allowLoopback
    ? "must be https (or http to 127.0.0.1 / localhost in local development)"
    : "must be https";
}
