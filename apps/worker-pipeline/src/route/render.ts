import {
  type RenderedNotification,
  type RenderOptions,
  renderNotification,
  resolveLocale,
  tagOf,
  topicOf,
  ttlOf,
} from "@buzz/notifications";
import type { Derived, NotificationMessage, NotificationPayload } from "@buzz/queue";
import { type PublishedEvent, urgencyOf } from "@buzz/schema/contract";
import type { Recipient } from "./recipients.js";

export interface RenderContext {
  /** PUBLIC_BASE_URL: origin of the dashboard; without it data.url is relative ("/#/matches/{id}"). */
  baseUrl?: string;
  routedAt: Date;
}

/**
 * One push per recipient, in the recipient's language (route packs them into NotificationGroups); dispatch sends
 * it through the device's native token when it has one, else by Web Push. An event is rendered once per language (a goal for 100 000 fans is
 * five renderings, not 100 000). Tag and Topic come from the event: a GOAL_AMENDED or GOAL_CANCELLED carries its
 * goal's (tagOf uses causation_id), so it replaces the provisional push on the phone and, at the push service,
 * an undelivered older one.
 */
export function notificationsFor(
  event: PublishedEvent,
  derived: Derived,
  recipients: readonly Recipient[],
  context: RenderContext,
): NotificationMessage[] {
  const options: RenderOptions = { score: derived.score };
  if (context.baseUrl) options.baseUrl = context.baseUrl;
  if (derived.teams) options.teams = { home: derived.teams.home.name, away: derived.teams.away.name };
  // Per language ("fr-CA" and "fr" are one rendering), and per stored locale string, which is cheaper to look up.
  const byLanguage = new Map<string, RenderedNotification | null>();
  const byLocale = new Map<string, RenderedNotification | null>();
  const renderIn = (locale: string) => {
    if (!byLocale.has(locale)) {
      const lang = resolveLocale(locale);
      if (!byLanguage.has(lang)) byLanguage.set(lang, renderNotification(event, lang, options));
      byLocale.set(locale, byLanguage.get(lang)!);
    }
    return byLocale.get(locale)!;
  };
  // The same in every language; computed once, as it can be a SHA-256 (a tag too long to be a Topic).
  const topic = topicOf(tagOf(event));
  const ttl = ttlOf(event);
  const urgency = urgencyOf(event);
  const routedAt = context.routedAt.toISOString();
  // One payload object per rendering and variant, shared by its recipients: packing compares them once each.
  const payloads = new Map<RenderedNotification, Partial<Record<"loud" | "silent", NotificationPayload>>>();
  const payloadOf = (n: RenderedNotification, silent: boolean) => {
    const variants = payloads.get(n) ?? {};
    payloads.set(n, variants);
    return (variants[silent ? "silent" : "loud"] ??= {
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data,
      dir: n.dir,
      lang: n.lang,
      // Only when true: a payload without it is the v1 one, byte for byte.
      ...(silent ? { silent: true as const } : {}),
    });
  };
  const out: NotificationMessage[] = [];
  for (const r of recipients) {
    const n = renderIn(r.locale);
    if (!n) continue;
    out.push({
      event_id: event.event_id,
      match_id: event.match_id,
      device_id: r.device_id,
      payload: payloadOf(n, r.silent),
      ttl,
      urgency,
      topic,
      routed_at: routedAt,
    });
  }
  return out;
}
