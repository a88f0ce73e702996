/**
 * A Standard Webhooks signing secret: "whsec_" and the base64 of 32 random bytes (the spec asks for 24 to 64).
 * The pipeline signs with the decoded bytes.
 */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `whsec_${btoa(binary)}`;
}
