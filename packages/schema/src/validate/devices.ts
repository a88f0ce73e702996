// Request bodies of the device endpoints (fan apps): registration, follows, Web Push subscription.
import * as z from "zod";
import { APNS_ENVIRONMENTS, DEFAULT_LOCALE, MAX_FOLLOWS_PER_KIND } from "../contract/devices.js";
import { IdSchema } from "./primitives.js";

/**
 * A BCP 47 language tag as browsers report it (navigator.language): language, optional script, region and
 * variants — "fr", "en-GB", "pt-BR", "zh-Hant-TW", "ar". Stored in canonical case ("EN-gb" → "en-GB").
 */
export const LocaleSchema = z
  .string()
  .max(35)
  .regex(
    /^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$/,
    "must be a BCP 47 language tag such as fr, en-GB or zh-Hant-TW",
  )
  .transform((tag, ctx) => {
    // Well-formed but not valid BCP 47 (a variant repeated, "de-1996-1996"): Intl refuses it.
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? tag;
    } catch {
      ctx.issues.push({
        code: "custom",
        input: tag,
        message: "must be a valid BCP 47 language tag (no repeated variants)",
      });
      return z.NEVER;
    }
  });

/** Body of `POST /v1/devices`; an empty body is `{}`. */
export const DeviceRegistrationSchema = z.strictObject({ locale: LocaleSchema.default(DEFAULT_LOCALE) });

const followList = (what: string) =>
  z
    .array(IdSchema)
    .max(MAX_FOLLOWS_PER_KIND, `at most ${MAX_FOLLOWS_PER_KIND} ${what}`)
    .default([])
    .transform((ids) => [...new Set(ids)].sort());

/** Body of `PUT /v1/devices/me/follows`: the whole set, replacing the previous one (a missing list is empty). */
export const FollowsInputSchema = z.strictObject({
  teams: followList("teams"),
  competitions: followList("competitions"),
  players: followList("players"),
  matches: followList("matches"),
});

/** base64url (padding tolerated) that decodes to exactly `bytes` bytes. */
const base64url = (bytes: number) => {
  const chars = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url")
    .refine((s) => s.replace(/=+$/, "").length === chars, `must decode to ${bytes} bytes`);
};

/**
 * Body of `PUT /v1/devices/me/push-subscription`: `PushSubscription.toJSON()` from the browser. The shape is
 * checked here; whether the endpoint is an allowed push service and p256dh a point on P-256 is the gateway's.
 */
export const PushSubscriptionInputSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    /** The browser's ECDH public key: a 65-byte uncompressed P-256 point. */
    p256dh: base64url(65),
    /** The 16-byte authentication secret. */
    auth: base64url(16),
  }),
});

/**
 * Body of `PUT /v1/devices/me/native-push-token` (React Native and other native apps), one shape per provider:
 * - `fcm`: a Firebase registration token (URL-safe characters and `:`; about 150–180 today, Google gives no fixed length);
 * - `apns`: the APNs device token as hex (32 bytes today; Apple says it may grow), stored lower-case, with the
 *   APNs `environment` the app was built for (`sandbox` for development builds; default `production`);
 * - `expo`: an Expo push token, `ExponentPushToken[…]` (or `ExpoPushToken[…]`).
 */
export const NativePushTokenInputSchema = z.discriminatedUnion("provider", [
  z.strictObject({
    provider: z.literal("fcm"),
    token: z
      .string()
      .regex(/^[A-Za-z0-9_:-]{32,4096}$/, "must be an FCM registration token (letters, digits, _ - and :)"),
  }),
  z.strictObject({
    provider: z.literal("apns"),
    token: z
      .string()
      .regex(/^(?:[0-9A-Fa-f]{2}){32,100}$/, "must be an APNs device token: 64 or more hex digits")
      .transform((t) => t.toLowerCase()),
    environment: z.enum(APNS_ENVIRONMENTS).default("production"),
  }),
  z.strictObject({
    provider: z.literal("expo"),
    token: z
      .string()
      .regex(
        /^Expo(?:nent)?PushToken\[[A-Za-z0-9_-]{1,200}\]$/,
        "must be an Expo push token: ExponentPushToken[…]",
      ),
  }),
]);
