// Google OAuth 2.0 for service accounts (RFC 7523 JWT bearer grant): an RS256 assertion signed with the service
// account's key, exchanged at its token_uri for an access token, which is kept until shortly before it expires.
import { type HttpOptions, NativePushError, parseJson, refused, request, transientOf } from "./http.js";
import { importPrivateKey, signJwt } from "./jwt.js";

export const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Lifetime asked of the assertion; Google accepts at most an hour. */
const ASSERTION_SECONDS = 3600;
/** A token is renewed this long before Google says it expires, so none is used in its last minutes. */
export const EARLY_REFRESH_SECONDS = 300;

export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  token_uri: string;
}

/** The downloaded service-account JSON (FCM_SERVICE_ACCOUNT), with what sending needs checked. */
export function parseServiceAccount(json: string): ServiceAccount {
  const parsed = parseJson(json) as Partial<Record<keyof ServiceAccount | "type", unknown>> | undefined;
  if (!parsed || typeof parsed !== "object") throw new Error("FCM_SERVICE_ACCOUNT is not JSON");
  for (const field of ["project_id", "client_email", "private_key", "token_uri"] as const) {
    if (typeof parsed[field] !== "string" || parsed[field] === "")
      throw new Error(`FCM_SERVICE_ACCOUNT has no ${field}`);
  }
  return parsed as ServiceAccount;
}

export class FcmAccessToken {
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private key: Promise<CryptoKey> | undefined;

  constructor(
    private readonly account: ServiceAccount,
    private readonly http: HttpOptions,
  ) {}

  /** The cached token, or a new one (concurrent callers share one exchange). */
  get(): Promise<string> {
    const now = this.now();
    if (this.current && now < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.exchange().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** FCM answered 401 with this token: forget it (unless a newer one already replaced it). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private now = () => (this.http.now ?? Date.now)();

  private async exchange(): Promise<string> {
    this.key ??= importPrivateKey(this.account.private_key, "RS256");
    const key = await this.key.catch((err: unknown) => {
      this.key = undefined;
      throw refused(`FCM_SERVICE_ACCOUNT private_key: ${(err as Error).message}`);
    });
    const iat = Math.floor(this.now() / 1000);
    const claims = {
      iss: this.account.client_email,
      scope: FCM_SCOPE,
      aud: this.account.token_uri,
      iat,
      exp: iat + ASSERTION_SECONDS,
    };
    const assertion = await signJwt("RS256", key, { typ: "JWT" }, claims);
    const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion });
    const answer = await request(
      this.account.token_uri,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body },
      this.http,
    );
    if (!answer.ok) throw new NativePushError(answer.result);
    const { res, text } = answer;
    const transient = transientOf(res, text, this.now());
    if (transient)
      throw new NativePushError({ ...transient, reason: `FCM token endpoint: ${transient.reason}` });
    const json = parseJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (res.status !== 200 || typeof json?.access_token !== "string") {
      // invalid_grant and the like: the service account is wrong or revoked; retrying cannot fix it.
      throw refused(
        `FCM token endpoint refused the service account: HTTP ${res.status} ${text.slice(0, 200)}`,
        res.status,
      );
    }
    const lifetime = typeof json.expires_in === "number" ? json.expires_in : 3600;
    this.current = {
      token: json.access_token,
      renewAt: this.now() + Math.max(0, lifetime - EARLY_REFRESH_SECONDS) * 1000,
    };
    return json.access_token;
  }
}
