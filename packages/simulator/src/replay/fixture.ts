import type { FixtureInput } from "@buzz/schema/contract";

const ATTEMPTS = 5;

/** `PUT /v1/matches/{id}` with the admin token; retried briefly while the stack is still coming up. */
export async function putFixture(
  baseUrl: string,
  adminToken: string,
  matchId: string,
  fixture: FixtureInput,
): Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, "")}/v1/matches/${encodeURIComponent(matchId)}`;
  for (let attempt = 1; ; attempt++) {
    let failure: string;
    try {
      const res = await fetch(url, {
        method: "PUT",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify(fixture),
      });
      if (res.ok) return void (await res.body?.cancel());
      const text = await res.text();
      if (res.status < 500) throw new Error(`PUT ${url} → ${res.status}: ${text}`);
      failure = `${res.status}: ${text}`;
    } catch (err) {
      if (err instanceof Error && err.message.startsWith("PUT ")) throw err;
      failure = err instanceof Error ? err.message : String(err);
    }
    if (attempt === ATTEMPTS) throw new Error(`PUT ${url} failed ${ATTEMPTS} times, last: ${failure}`);
    await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
  }
}
