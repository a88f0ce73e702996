// The device endpoints of the contract against the real stack: both Workers, the Neon driver through the dev
// proxy, and the stack's own Postgres (PGlite, or a fresh database on DATABASE_URL's server in CI).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl } from "./http.js";
import { waitForLockWaiters } from "./locks.js";

interface Res {
  status: number;
  body: any;
}

async function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(baseUrl() + path, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function register(locale?: string): Promise<{ device_id: string; token: string }> {
  const res = await call("POST", "/v1/devices", locale === undefined ? {} : { body: { locale } });
  expect(res.status).toBe(201);
  return res.body;
}

/** A subscription as a browser would make it: a real P-256 point and a random 16-byte auth secret. */
async function browserSubscription(endpoint = `http://127.0.0.1:9/push/${crypto.randomUUID()}`) {
  const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
  const p256dh = Buffer.from(await crypto.subtle.exportKey("raw", pair.publicKey)).toString("base64url");
  const auth = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
  return { endpoint, expirationTime: null, keys: { p256dh, auth } };
}

let sql: pg.Client;
beforeAll(async () => {
  sql = new pg.Client({ connectionString: inject("databaseUrl") });
  await sql.connect();
});
afterAll(() => sql?.end());

const rowsOf = async (table: string, deviceId: string) =>
  Number(
    (await sql.query(`select count(*)::int as n from ${table} where device_id = $1`, [deviceId])).rows[0].n,
  );
/** Rows per table for the device, one query at a time (one client). */
const rowsPer = async (tables: string[], deviceId: string) => {
  const counts: number[] = [];
  for (const t of tables) counts.push(await rowsOf(t, deviceId));
  return counts;
};
/**
 * Two devices store a push target each at `path`, then each PUTs the other's at once (on PostgreSQL, held until
 * both wait on a lock: PGlite serves one session at a time, so there they run one after the other). Both must
 * succeed; returns the two devices.
 */
async function swapAtOnce(path: string, bodyA: unknown, bodyB: unknown) {
  const [a, b] = [await register(), await register()];
  expect((await call("PUT", path, { token: a.token, body: bodyA })).status).toBe(201);
  expect((await call("PUT", path, { token: b.token, body: bodyB })).status).toBe(201);
  const holder = inject("databaseKind") === "postgres" ? await holdDevices([a.device_id, b.device_id]) : null;
  const swaps = Promise.all([
    call("PUT", path, { token: a.token, body: bodyB }),
    call("PUT", path, { token: b.token, body: bodyA }),
  ]);
  await holder?.releaseOnceWaiting(2);
  const results = await swaps;
  expect(
    results.map((r) => r.status < 300),
    JSON.stringify(results.map((r) => r.body)),
  ).toEqual([true, true]);
  return [a, b] as const;
}

/**
 * A session of its own holding the devices' rows (FOR UPDATE) in an open transaction; releaseOnceWaiting lets go
 * once `n` other sessions of the database wait on a lock, so that requests started meanwhile are all in flight.
 */
async function holdDevices(ids: string[]) {
  const session = new pg.Client({ connectionString: inject("databaseUrl") });
  await session.connect();
  await session.query("begin");
  await session.query("select id from devices where id = any($1::uuid[]) order by id for update", [ids]);
  return {
    async releaseOnceWaiting(n: number) {
      try {
        await waitForLockWaiters(sql, n);
      } finally {
        await session.query("rollback");
        await session.end();
      }
    },
  };
}
const deviceCount = async () => Number((await sql.query("select count(*)::int as n from devices")).rows[0].n);

describe("GET /v1/push/vapid-public-key", () => {
  it("answers the stack's VAPID public key, a 65-byte uncompressed point", async () => {
    const res = await call("GET", "/v1/push/vapid-public-key");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ key: inject("vapidPublicKey") });
    const point = Buffer.from(res.body.key, "base64url");
    expect(point).toHaveLength(65);
    expect(point[0]).toBe(4);
  });
});

describe("POST /v1/devices", () => {
  it("registers a device and gives it a token stored only as a hash", async () => {
    const fr = await register("fr");
    expect(fr.device_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(fr.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = (await sql.query("select locale, token_hash from devices where id = $1", [fr.device_id]))
      .rows[0];
    expect(row.locale).toBe("fr");
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await sql.query("select count(*)::int as n from devices where token_hash = $1", [fr.token])).rows[0].n,
    ).toBe(0);

    const other = await register();
    expect(other.token).not.toBe(fr.token);
    expect(
      (await sql.query("select locale from devices where id = $1", [other.device_id])).rows[0].locale,
    ).toBe("en");
    expect(
      (await sql.query("select locale from devices where id = $1", [(await register("PT-br")).device_id]))
        .rows[0].locale,
    ).toBe("pt-BR");
  });

  it.each([
    ["a locale that is not a language tag", { body: { locale: "french" } }, 422],
    ["a locale of the wrong type", { body: { locale: 33 } }, 422],
    ["an unknown field", { body: { locale: "fr", push: true } }, 422],
    ["a body that is not JSON", { raw: "{locale: fr" }, 400],
    ["a JSON array", { body: ["fr"] }, 422],
  ])("refuses %s and stores nothing", async (_, opts, status) => {
    const before = await deviceCount();
    const res = await call("POST", "/v1/devices", opts);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toMatch(/^(validation_failed|invalid_json)$/);
    expect(await deviceCount()).toBe(before);
  });
});

describe("device authentication", () => {
  it.each([
    ["no Authorization header", undefined],
    ["a token of the wrong shape", "not-a-token"],
    ["an unknown token", "A".repeat(43)],
  ])("answers 401 to %s", async (_, token) => {
    for (const [method, path] of [
      ["GET", "/v1/devices/me/follows"],
      ["PUT", "/v1/devices/me/follows"],
      ["DELETE", "/v1/devices/me"],
    ] as const) {
      const res = await call(method, path, {
        token,
        body: method === "PUT" ? { teams: ["FRA"] } : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
  });
});

describe("PUT /v1/devices/me/push-subscription", () => {
  it("stores the subscription (201), replaces it (200) and shows it", async () => {
    const { token } = await register("de");
    const first = await browserSubscription();
    const created = await call("PUT", "/v1/devices/me/push-subscription", { token, body: first });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ endpoint: first.endpoint, keys: first.keys });

    const second = await browserSubscription();
    const replaced = await call("PUT", "/v1/devices/me/push-subscription", { token, body: second });
    expect(replaced.status).toBe(200);
    const shown = await call("GET", "/v1/devices/me/push-subscription", { token });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ endpoint: second.endpoint, keys: second.keys });
  });

  it("moves an endpoint to the device that subscribes with it last", async () => {
    const [a, b] = [await register(), await register()];
    const sub = await browserSubscription();
    expect(
      (await call("PUT", "/v1/devices/me/push-subscription", { token: a.token, body: sub })).status,
    ).toBe(201);
    expect(
      (await call("PUT", "/v1/devices/me/push-subscription", { token: b.token, body: sub })).status,
    ).toBe(201);
    expect((await call("GET", "/v1/devices/me/push-subscription", { token: a.token })).status).toBe(404);
    expect((await call("GET", "/v1/devices/me/push-subscription", { token: b.token })).body.endpoint).toBe(
      sub.endpoint,
    );
  });

  const expoToken = async () => ({
    provider: "expo",
    token: `ExponentPushToken[${crypto.randomUUID().slice(0, 22)}]`,
  });
  it.each([
    ["endpoint", "/v1/devices/me/push-subscription", browserSubscription, "endpoint"],
    ["native token", "/v1/devices/me/native-push-token", expoToken, "token"],
  ] as const)(
    "lets two devices take each other's %s at once: both succeed, each ends with the other's",
    async (_, path, make, field) => {
      const [bodyA, bodyB] = [await make(), await make()];
      const [a, b] = await swapAtOnce(path, bodyA, bodyB);
      for (const [device, body] of [
        [a, bodyB],
        [b, bodyA],
      ] as const)
        expect((await call("GET", path, { token: device.token })).body[field]).toBe(
          (body as Record<string, unknown>)[field],
        );
    },
  );

  it.each([
    [
      "endpoint",
      "/v1/devices/me/push-subscription",
      browserSubscription,
      "endpoint",
      "insert into push_subscriptions (device_id, endpoint, p256dh, auth) values ($1, $2, $3, $4)",
      (b: any) => [b.endpoint, b.keys.p256dh, b.keys.auth],
    ],
    [
      "native token",
      "/v1/devices/me/native-push-token",
      expoToken,
      "token",
      "insert into native_push_tokens (device_id, provider, token) values ($1, $2, $3)",
      (b: any) => [b.provider, b.token],
    ],
  ] as const)(
    "lets two devices take one new %s at once: both succeed, one ends with it",
    async (_, path, make, field, insert, values) => {
      const body = (await make()) as Record<string, unknown>;
      const [a, b, other] = [await register(), await register(), await register()];
      // Neither request sees a holder to lock, so both reach the insert. On PostgreSQL, an uncommitted insert of
      // the same push target by a third session holds them there until both wait; it is then rolled back, and
      // the two inserts race for the unique key.
      const postgres = inject("databaseKind") === "postgres";
      const session = postgres ? new pg.Client({ connectionString: inject("databaseUrl") }) : null;
      if (session) {
        await session.connect();
        await session.query("begin");
        await session.query(insert, [other.device_id, ...values(body)]);
      }
      const puts = Promise.all([a, b].map((d) => call("PUT", path, { token: d.token, body })));
      if (session) {
        try {
          await waitForLockWaiters(sql, 2);
        } finally {
          await session.query("rollback");
          await session.end();
        }
      }
      const results = await puts;
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toEqual([
        201, 201,
      ]);
      const shown = await Promise.all([a, b].map((d) => call("GET", path, { token: d.token })));
      expect(shown.map((r) => r.status).sort()).toEqual([200, 404]);
      expect(shown.find((r) => r.status === 200)!.body[field]).toBe(body[field]);
    },
  );

  it("refuses bad subscriptions and keeps the one it had", async () => {
    const { token, device_id } = await register();
    const good = await browserSubscription();
    await call("PUT", "/v1/devices/me/push-subscription", { token, body: good });
    const offCurve = Buffer.alloc(65, 0xff);
    offCurve[0] = 4;
    const cases: [unknown, number, string][] = [
      [{ ...good, endpoint: "https://evil.example/push/1" }, 422, "endpoint_not_allowed"],
      [{ ...good, endpoint: "https://fcm.googleapis.com.evil.example/push/1" }, 422, "endpoint_not_allowed"],
      [{ ...good, keys: { ...good.keys, p256dh: offCurve.toString("base64url") } }, 422, "validation_failed"],
      [{ ...good, keys: { ...good.keys, auth: "c2hvcnQ" } }, 422, "validation_failed"],
      [{ endpoint: good.endpoint }, 422, "validation_failed"],
      ["not an object", 422, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await call("PUT", "/v1/devices/me/push-subscription", { token, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    expect((await call("PUT", "/v1/devices/me/push-subscription", { token, raw: "{" })).status).toBe(400);
    const rows = (
      await sql.query("select endpoint, p256dh from push_subscriptions where device_id = $1", [device_id])
    ).rows;
    expect(rows).toEqual([{ endpoint: good.endpoint, p256dh: good.keys.p256dh }]);
  });
});

describe("PUT /v1/devices/me/follows", () => {
  it("replaces the set and answers with it as stored", async () => {
    const { token } = await register("es");
    const first = await call("PUT", "/v1/devices/me/follows", {
      token,
      body: {
        teams: ["FRA", "CRO", "FRA"],
        competitions: ["wc-2018"],
        players: ["FRA-griezmann"],
        matches: [],
      },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      teams: ["CRO", "FRA"],
      competitions: ["wc-2018"],
      players: ["FRA-griezmann"],
      matches: [],
    });

    const second = await call("PUT", "/v1/devices/me/follows", {
      token,
      body: { matches: ["wc2018-64-fra-cro"] },
    });
    expect(second.body).toEqual({ teams: [], competitions: [], players: [], matches: ["wc2018-64-fra-cro"] });
    expect((await call("GET", "/v1/devices/me/follows", { token })).body).toEqual(second.body);
  });

  it("refuses bad input and keeps the follows it had", async () => {
    const { token, device_id } = await register();
    const kept = { teams: ["BRA"], competitions: [], players: [], matches: [] };
    await call("PUT", "/v1/devices/me/follows", { token, body: kept });
    const cases: [string | undefined, unknown, number][] = [
      [undefined, { team: ["FRA"] }, 422],
      [undefined, { teams: "FRA" }, 422],
      [undefined, { teams: ["has space"] }, 422],
      [undefined, { players: Array.from({ length: 101 }, (_, i) => `p${i}`) }, 422],
      [undefined, [], 422],
      ["{teams:", undefined, 400],
    ];
    for (const [raw, body, status] of cases) {
      const res = await call("PUT", "/v1/devices/me/follows", { token, raw, body });
      expect(res.status, raw ?? JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await call("GET", "/v1/devices/me/follows", { token })).body).toEqual(kept);
    expect(await rowsOf("follows", device_id)).toBe(1);
  });
});

describe("DELETE /v1/devices/me", () => {
  it("purges the subscription, native token, follows, quotas and notification log, then the token stops working", async () => {
    const gone = await register("ar");
    const kept = await register("ar");
    for (const d of [gone, kept]) {
      await call("PUT", "/v1/devices/me/push-subscription", {
        token: d.token,
        body: await browserSubscription(),
      });
      await call("PUT", "/v1/devices/me/follows", {
        token: d.token,
        body: { teams: ["FRA"], matches: ["m-1"] },
      });
      const native = await call("PUT", "/v1/devices/me/native-push-token", {
        token: d.token,
        body: { provider: "expo", token: `ExponentPushToken[${d.device_id.slice(0, 22)}]` },
      });
      expect(native.status, JSON.stringify(native.body)).toBeLessThan(300);
      // The pipeline writes these; here they are planted directly to see that they go too.
      await sql.query(
        "insert into notification_log (event_id, device_id, match_id, status) values ($1, $2, 'm-1', 'delivered')",
        [crypto.randomUUID(), d.device_id],
      );
    }
    const tables = ["push_subscriptions", "native_push_tokens", "follows", "notification_log"];
    expect(await rowsPer(tables, gone.device_id)).toEqual([1, 1, 2, 1]);

    const res = await call("DELETE", "/v1/devices/me", { token: gone.token });
    expect(res.status).toBe(204);
    expect(await rowsPer(tables, gone.device_id)).toEqual([0, 0, 0, 0]);
    expect(
      (await sql.query("select count(*)::int as n from devices where id = $1", [gone.device_id])).rows[0].n,
    ).toBe(0);
    expect((await call("GET", "/v1/devices/me/follows", { token: gone.token })).status).toBe(401);
    expect((await call("DELETE", "/v1/devices/me", { token: gone.token })).status).toBe(401);

    expect(await rowsPer(tables, kept.device_id)).toEqual([1, 1, 2, 1]);
  });

  it.each([
    ["push-subscription", "push_subscriptions", () => browserSubscription()],
    [
      "native-push-token",
      "native_push_tokens",
      async () => ({ provider: "expo", token: `ExponentPushToken[${crypto.randomUUID().slice(0, 22)}]` }),
    ],
    ["follows", "follows", async () => ({ teams: ["FRA"] })],
    ["preferences", "device_preferences", async () => ({ categories: { cards: false } })],
  ])(
    "answers 401 to a PUT of %s whose device is deleted while it runs, and leaves no row behind",
    async (path, table, body) => {
      const device = await register();
      const payload = await body();
      // The device's row is held (reads still see it: the PUT authenticates) until the PUT waits at its write,
      // then deleted under it, as a DELETE /v1/devices/me sent at the same time would. PGlite serves one session at a time: there the
      // delete simply comes first.
      const postgres = inject("databaseKind") === "postgres";
      const session = new pg.Client({ connectionString: inject("databaseUrl") });
      await session.connect();
      try {
        let put: Promise<Res>;
        if (postgres) {
          await session.query("begin");
          await session.query("select id from devices where id = $1 for update", [device.device_id]);
          put = call("PUT", `/v1/devices/me/${path}`, { token: device.token, body: payload });
          await waitForLockWaiters(sql, 1);
          await session.query("delete from devices where id = $1", [device.device_id]);
          await session.query("commit");
        } else {
          await session.query("delete from devices where id = $1", [device.device_id]);
          put = call("PUT", `/v1/devices/me/${path}`, { token: device.token, body: payload });
        }
        const res = await put;
        expect(res.status, JSON.stringify(res.body)).toBe(401);
        expect(res.body.error.code).toBe("unauthorized");
      } finally {
        await session.end();
      }
      expect(await rowsOf(table, device.device_id)).toBe(0);
    },
  );
});
