// Subscriptions the mock hands out: each has its own P-256 key pair and auth secret, like a browser's.
import { generateKeyPairSync, randomBytes, randomUUID, webcrypto } from "node:crypto";
import type { UserAgentKeys } from "./receiver.js";

/** `PushSubscription.toJSON()` as a browser returns it. */
export interface PushSubscriptionJSON {
  endpoint: string;
  expirationTime: number | null;
  keys: { p256dh: string; auth: string };
}

/** What the mock answers, in order, to the next requests for one subscription (after them: 201). */
export type ScriptedResponse = number | { status: number; retryAfter?: number | string } | "hang";

export interface MockSubscription {
  id: string;
  json: PushSubscriptionJSON;
  /** When set, only VAPID tokens signed by this key are accepted (else 403), like a subscribe() with applicationServerKey. */
  applicationServerKey?: string;
  keys(): Promise<UserAgentKeys>;
  script: ScriptedResponse[];
  /** Unsubscribed: every later request is 410 Gone. */
  gone: boolean;
}

export function createSubscription(origin: string, applicationServerKey?: string): MockSubscription {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const jwk = privateKey.export({ format: "jwk" });
  const publicKey = Buffer.concat([
    Buffer.of(4),
    Buffer.from(jwk.x!, "base64url"),
    Buffer.from(jwk.y!, "base64url"),
  ]);
  const auth = randomBytes(16);
  const id = randomUUID();
  let imported: Promise<UserAgentKeys> | undefined;
  return {
    id,
    json: {
      endpoint: `${origin}/push/${id}`,
      expirationTime: null,
      keys: { p256dh: publicKey.toString("base64url"), auth: auth.toString("base64url") },
    },
    ...(applicationServerKey ? { applicationServerKey } : {}),
    keys: () =>
      (imported ??= webcrypto.subtle
        .importKey("jwk", jwk, { name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"])
        .then((key) => ({ privateKey: key, publicKey, auth }))),
    script: [],
    gone: false,
  };
}
