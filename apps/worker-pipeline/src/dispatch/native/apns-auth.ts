// APNs token-based authentication: an ES256 JWT {alg, kid} {iss: team id, iat} signed with the .p8 key. Apple
// refuses a token older than an hour and answers 429 TooManyProviderTokenUpdates to one renewed more often than
// every 20 minutes, so one token is reused for 30 minutes, then replaced.
import { refused } from "./http.js";
import { importPrivateKey, signJwt } from "./jwt.js";

export const APNS_TOKEN_REUSE_MS = 30 * 60_000;
/** After ExpiredProviderToken a new token is made at once, but never sooner than this after the last one. */
export const APNS_MIN_RENEWAL_MS = 20 * 60_000;

export interface ApnsKey {
  /** APNS_KEY: the .p8 file's PEM. */
  pem: string;
  /** APNS_KEY_ID: the key's 10-character id (JWT `kid`). */
  keyId: string;
  /** APNS_TEAM_ID: the developer team (JWT `iss`). */
  teamId: string;
}

export class ApnsProviderToken {
  private current: { token: string; issuedAt: number } | undefined;
  private key: Promise<CryptoKey> | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly apnsKey: ApnsKey,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current token, or a new one; concurrent callers share one signing (two tokens at once would be a 429). */
  get(): Promise<string> {
    const now = this.now();
    if (this.current && now - this.current.issuedAt < APNS_TOKEN_REUSE_MS)
      return Promise.resolve(this.current.token);
    this.pending ??= this.sign(now).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async sign(now: number): Promise<string> {
    this.key ??= importPrivateKey(this.apnsKey.pem, "ES256");
    const key = await this.key.catch((err: unknown) => {
      this.key = undefined;
      throw refused(`APNS_KEY: ${(err as Error).message}`);
    });
    const token = await signJwt(
      "ES256",
      key,
      { kid: this.apnsKey.keyId },
      { iss: this.apnsKey.teamId, iat: Math.floor(now / 1000) },
    );
    this.current = { token, issuedAt: now };
    return token;
  }

  /** APNs called this token expired: the next get() makes a new one, if the last is at least 20 min old. */
  expire(token: string): boolean {
    if (this.current?.token !== token || this.now() - this.current.issuedAt < APNS_MIN_RENEWAL_MS)
      return false;
    this.current = undefined;
    return true;
  }
}
