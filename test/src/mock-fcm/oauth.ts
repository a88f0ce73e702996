// Google's OAuth 2.0 token endpoint for service accounts (RFC 7523), as strict as the real one: form-encoded
// jwt-bearer grant, RS256 assertion signed by the service account's key, iss = client_email, aud = token_uri,
// the FCM scope, and iat/exp sane (exp after now, at most an hour after iat).
import { verifyJwt } from "../mock-native/jwt.js";

export const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export type Grant =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; error: string; description: string };

export function checkGrant(
  contentType: string | undefined,
  body: string,
  account: { client_email: string; token_uri: string; publicKey: string },
  now = Date.now() / 1000,
): Grant {
  const bad = (description: string, error = "invalid_grant"): Grant => ({ ok: false, error, description });
  if (!/^application\/x-www-form-urlencoded\b/.test(contentType ?? ""))
    return bad("the body must be application/x-www-form-urlencoded", "invalid_request");
  const form = new URLSearchParams(body);
  if (form.get("grant_type") !== GRANT) return bad(`grant_type must be ${GRANT}`, "unsupported_grant_type");
  const assertion = form.get("assertion");
  if (!assertion) return bad("no assertion", "invalid_request");
  const verdict = verifyJwt(assertion, "RS256", account.publicKey);
  if (!verdict.ok) return bad(`Invalid JWT Signature: ${verdict.message}`);
  const { claims } = verdict;
  if (claims.iss !== account.client_email)
    return bad(
      `iss must be the service account's client_email, not ${JSON.stringify(claims.iss)}`,
      "invalid_client",
    );
  if (claims.aud !== account.token_uri) return bad(`Invalid JWT: aud must be ${account.token_uri}`);
  if (typeof claims.scope !== "string" || !claims.scope.split(" ").includes(FCM_SCOPE))
    return bad(`scope must include ${FCM_SCOPE}`, "invalid_scope");
  const { iat, exp } = claims;
  if (typeof iat !== "number" || typeof exp !== "number")
    return bad("Invalid JWT: iat and exp are required numbers");
  if (iat > now + 60)
    return bad(
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values",
    );
  if (exp <= now || exp - iat > 3600)
    return bad(
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values",
    );
  return { ok: true, claims };
}
