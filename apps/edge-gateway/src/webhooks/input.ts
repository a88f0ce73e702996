// The body of POST /v1/ops/webhooks, and what a webhook URL may be.
import { PUBLISHED_EVENT_TYPES, type PublishedEventType } from "@buzz/schema";
import { z } from "zod";

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** "*" = every event type, now and future; otherwise types of the catalogue that are published. */
const EventTypeSchema = z.union([z.literal("*"), z.enum(PUBLISHED_EVENT_TYPES as [PublishedEventType, ...PublishedEventType[]])], {
  error: `must be "*" or a published event type: ${PUBLISHED_EVENT_TYPES.join(", ")}`,
});

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
      .max(PUBLISHED_EVENT_TYPES.length)
      .refine((types) => !types.includes("*") || types.length === 1, '"*" already means every type: send it alone')
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
  if (url.username || url.password) return "must not contain credentials: the signature authenticates the sender";
  if (url.hash) return "must not have a fragment";
  const local = isLocalHost(url.hostname);
  if (url.protocol === "https:") return local && !allowLoopback ? "must not point at a loopback or private address" : undefined;
  if (url.protocol === "http:" && allowLoopback && isLoopback(url.hostname)) return undefined;
  return allowLoopback ? "must be https (or http to 127.0.0.1 / localhost in local development)" : "must be https";
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Loopback, private (RFC 1918, unique-local), link-local, CGNAT and unspecified addresses. */
function isLocalHost(host: string): boolean {
  if (isLoopback(host)) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168);
  }
  // WHATWG URL gives IPv6 hosts in brackets, compressed and lower-case; ::ffff: maps an IPv4 address.
  return /^\[(::|::ffff:.*|f[cd][0-9a-f]*:.*|fe[89ab][0-9a-f]*:.*)\]$/.test(host);
}
