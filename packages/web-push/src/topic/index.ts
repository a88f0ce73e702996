// RFC 8030 §5.4: a Topic is at most 32 characters of the URL-safe base64 alphabet. A newer message with the
// same Topic replaces an undelivered older one, which is how an amended goal replaces the provisional push.

import { base64urlEncode, utf8 } from "../bytes/index.js";
import { WebPushError } from "../errors.js";

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

export const isValidTopic = (topic: string): boolean => TOPIC.test(topic);

export function assertTopic(topic: string): void {
  if (!isValidTopic(topic)) {
    throw new WebPushError(
      "invalid_topic",
      `Topic must be 1 to 32 characters of A-Z a-z 0-9 - _, got "${topic}"`,
      "topic",
    );
  }
}

/**
 * A Topic for an arbitrary notification tag: the tag itself when it already is one, otherwise the first
 * 32 characters (24 bytes) of base64url(SHA-256(tag)), so the same tag always yields the same Topic.
 */
export async function topicFromTag(tag: string): Promise<string> {
  if (isValidTopic(tag)) return tag;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", utf8(tag)));
  return base64urlEncode(digest.subarray(0, 24));
}
