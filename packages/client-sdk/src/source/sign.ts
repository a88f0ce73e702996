import { createHmac } from "node:crypto";

export interface SignRequestOptions {
  keyId: string;
  secret: string;
  /** The request line the signature binds (contract v1.1 `v2`): the method, and the path without the query. */
  method: string;
  path: string;
  /** The exact bytes that will be sent: the signature covers the raw body, not a re-serialisation. */
  body: string;
  /** Unix seconds; defaults to now. The gateway refuses a timestamp more than 300 s away from its clock. */
  timestamp?: number;
}

/** A type alias, not an interface, so it is assignable to `HeadersInit`. */
export type SignedHeaders = {
  "Content-Type": "application/json";
  "X-Buzz-Key-Id": string;
  "X-Buzz-Timestamp": string;
  "X-Buzz-Signature": string;
};

/**
 * Headers for one signed source request, contract v1.1:
 * `v2=<hex HMAC-SHA256(secret, `${timestamp}.${METHOD}.${path}.${body}`)>`. Binding the method and path means a
 * signed body cannot be replayed against another match.
 */
export function signRequest({
  keyId,
  secret,
  method,
  path,
  body,
  timestamp,
}: SignRequestOptions): SignedHeaders {
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const mac = createHmac("sha256", secret)
    .update(`${ts}.${method.toUpperCase()}.${path}.${body}`)
    .digest("hex");
  return {
    "Content-Type": "application/json",
    "X-Buzz-Key-Id": keyId,
    "X-Buzz-Timestamp": ts,
    "X-Buzz-Signature": `v2=${mac}`,
  };
}
