// APNs provider-token checks, as Apple makes them: `authorization: bearer <JWT>`, ES256 with the key named by
// `kid`, `iss` = the team, `iat` not older than an hour, and a new token no more often than every 20 minutes.
import { verifyJwt } from "../mock-native/jwt.js";

export type ProviderVerdict =
  | { ok: true; claims: { iss: string; iat: number }; kid: string }
  | { ok: false; status: 403 | 429; reason: string };

export class ProviderTokens {
  /** iat of the latest distinct token, to refuse renewals within 20 minutes (TooManyProviderTokenUpdates). */
  private lastIat: number | undefined;
  private readonly seen = new Set<string>();

  constructor(private readonly key: { keyId: string; teamId: string; publicKey: string }) {}

  check(authorization: string | undefined, now = Date.now() / 1000): ProviderVerdict {
    const token = /^bearer (\S+)$/.exec(authorization ?? "")?.[1];
    if (!token) return { ok: false, status: 403, reason: "MissingProviderToken" };
    const verdict = verifyJwt(token, "ES256", this.key.publicKey);
    if (!verdict.ok) return { ok: false, status: 403, reason: "InvalidProviderToken" };
    const { header, claims } = verdict;
    if (header.kid !== this.key.keyId || claims.iss !== this.key.teamId || typeof claims.iat !== "number")
      return { ok: false, status: 403, reason: "InvalidProviderToken" };
    if (claims.iat < now - 3600) return { ok: false, status: 403, reason: "ExpiredProviderToken" };
    if (claims.iat > now + 60) return { ok: false, status: 403, reason: "InvalidProviderToken" };
    if (!this.seen.has(token)) {
      if (this.lastIat !== undefined && claims.iat - this.lastIat < 20 * 60)
        return { ok: false, status: 429, reason: "TooManyProviderTokenUpdates" };
      this.seen.add(token);
      this.lastIat = claims.iat;
    }
    return { ok: true, claims: { iss: claims.iss as string, iat: claims.iat }, kid: header.kid as string };
  }
}
