// Subscriptions already decoded and imported in this isolate. A device that gets several pushes (a goal, its
// amendment, the final whistle) is base64-decoded, URL-parsed and its P-256 point imported once, not once per message.
import { WebPushError } from "../errors.js";
import type { EndpointAllowList } from "./allow-list.js";
import { type ValidSubscription, validateSubscription } from "./index.js";

/** ~1 KB each (key string, two byte arrays, a URL, a CryptoKey): a few MB at most. */
export const MAX_CACHED_SUBSCRIPTIONS = 4096;

const cache = new Map<string, ValidSubscription>();

/** The cache key, or undefined when the input is not shaped like a subscription (then nothing is cached). */
function keyOf(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const { endpoint, keys } = input as {
    endpoint?: unknown;
    keys?: { p256dh?: unknown; auth?: unknown } | null;
  };
  if (typeof endpoint !== "string" || typeof keys !== "object" || keys === null) return undefined;
  const { p256dh, auth } = keys;
  if (typeof p256dh !== "string" || typeof auth !== "string") return undefined;
  // A valid p256dh or auth holds no newline, so the split is unambiguous for every entry that gets stored.
  return `${endpoint}\n${p256dh}\n${auth}`;
}

/**
 * validateSubscription with memory: the allow-list is still asked on every call (callers may hold different
 * lists); only subscriptions that passed validation are kept. The result is shared: callers must not mutate it.
 */
export async function validateSubscriptionCached(
  input: unknown,
  allow: EndpointAllowList,
): Promise<ValidSubscription> {
  const key = keyOf(input);
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit) {
    if (!allow(hit.endpoint)) {
      throw new WebPushError(
        "endpoint_not_allowed",
        `endpoint origin ${hit.endpoint.origin} is not an allowed push service`,
        "endpoint",
      );
    }
    return hit;
  }
  const valid = await validateSubscription(input, allow);
  if (key !== undefined) {
    // Oldest first out: cheaper than an LRU and as good for a stream of fan-outs.
    if (cache.size >= MAX_CACHED_SUBSCRIPTIONS) cache.delete(cache.keys().next().value!);
    cache.set(key, valid);
  }
  return valid;
}

/** How many subscriptions are held; for tests. */
export const cachedSubscriptionCount = () => cache.size;
