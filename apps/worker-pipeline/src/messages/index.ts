import type { ApnsEnvironment, NativePushProvider, PublishedEvent, Score, Urgency } from "@buzz/schema";

/** Queue names, as wrangler.jsonc binds them; `batch.queue` is one of these. */
export const QUEUES = {
  matchEvents: "match-events",
  enriched: "match-events-enriched",
  notifications: "notifications",
  webhookDeliveries: "webhook-deliveries",
} as const;
export const DEAD_LETTER_QUEUES = ["match-events-dlq", "match-events-enriched-dlq", "notifications-dlq", "webhook-deliveries-dlq"] as const;

/** What enrichment derives from an event (absent fields do not apply to its type). */
export interface Derived {
  /** Expected goals of a shot or goal from its location (see src/analytics/xg.ts for the model). */
  expected_goals?: number;
  /** Distance from the centre of the goal, in metres. */
  shot_distance_m?: number;
  /** Chances of each final result after this event. */
  win_probability?: { home: number; draw: number; away: number };
  /** The score (regulation and extra time) once this event has happened, as enrichment followed it. */
  score?: Score;
  /** The fixture's two teams, when Postgres has the fixture: routing reaches the fans of both, templates name them. */
  teams?: { home: DerivedTeam; away: DerivedTeam };
}

export interface DerivedTeam {
  team_id: string;
  name: string;
}

/** `match-events-enriched`: the published event with what enrichment added. */
export interface EnrichedMessage {
  event: PublishedEvent;
  derived: Derived;
  enriched_at: string;
}

/**
 * `notifications`: one push for one device (so each is acked or retried on its own). It names the device, not
 * where its push goes: dispatch reads the device's native token or Web Push subscription as it sends (a message
 * routed before this one also carried a `subscription`, which dispatch ignores).
 */
export interface NotificationMessage {
  event_id: string;
  match_id: string;
  device_id: string;
  /** The decrypted payload of the contract (for native pushes: title and body shown, tag and data passed on). */
  payload: {
    title: string;
    body: string;
    tag: string;
    data: { event_id: string; match_id: string; sequence_number: number; url: string };
    /** Text direction and language of title and body (Notification options `dir`, `lang`): Arabic is "rtl". */
    dir?: "ltr" | "rtl";
    lang?: string;
  };
  ttl: number;
  urgency: Urgency;
  /**
   * ≤ 32 URL-safe base64 characters; the same for a goal, its amendment and its cancellation: the Web Push
   * `Topic`, FCM's `collapse_key` and APNs' `apns-collapse-id`.
   */
  topic: string;
  routed_at: string;
}

/** A notification on its way through the device's native token (FCM, APNs or Expo), inside dispatch. */
export interface NativeNotification extends NotificationMessage {
  native: NativeTarget;
}

export interface NativeTarget {
  provider: NativePushProvider;
  token: string;
  /** APNs only. */
  environment?: ApnsEnvironment;
}

/** `webhook-deliveries`: one event for one registered webhook. */
export interface WebhookDeliveryMessage {
  webhook_id: string;
  event: PublishedEvent;
  derived: Derived;
}
