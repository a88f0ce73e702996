// What the webhook admin routes decide before touching Postgres (this pool has none, so a request that got
// that far would answer 500): auth, body and id. The flows with a database run in test/src/webhooks.test.ts.
import { describe, expect, it } from "vitest";
import { admin, call, errorOf } from "../testing/http.js";
import { urlProblem } from "./input.js";
import { newWebhookSecret } from "./secret.js";

const register = (body: unknown) =>
  admin("/v1/ops/webhooks", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });

describe("admin auth", () => {
  it.each([
    ["POST", "/v1/ops/webhooks"],
    ["GET", "/v1/ops/webhooks"],
    ["DELETE", "/v1/ops/webhooks/0b9c1f4e-8a51-4c1e-9d7e-3f2a1b0c9d8e"],
    ["POST", "/v1/ops/webhooks/0b9c1f4e-8a51-4c1e-9d7e-3f2a1b0c9d8e/rotate-secret"],
  ])("%s %s answers 401 without the admin token", async (method, path) => {
    const res = await call(path, {
      method,
      body: method === "POST" ? "{}" : undefined,
      headers: { Authorization: "Bearer not-the-token" },
    });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthorized");
  });
});

describe("POST /v1/ops/webhooks refuses", () => {
  const ok = { url: "https://bets.example/hooks/buzz", event_types: ["GOAL_SCORED"] };

  it.each([
    ["plain http", { ...ok, url: "http://bets.example/hook" }, ["url"], "must be https"],
    ["credentials in the URL", { ...ok, url: "https://user:pw@bets.example/hook" }, ["url"], "credentials"],
    ["a fragment", { ...ok, url: "https://bets.example/hook#x" }, ["url"], "fragment"],
    ["a relative URL", { ...ok, url: "/hook" }, ["url"], "absolute URL"],
    ["another scheme", { ...ok, url: "ftp://bets.example/hook" }, ["url"], "must be https"],
    [
      "loopback over http (not allowed here)",
      { ...ok, url: "http://127.0.0.1:9999/hook" },
      ["url"],
      "must be https",
    ],
    ["loopback over https", { ...ok, url: "https://localhost/hook" }, ["url"], "loopback or private"],
    ["a private address", { ...ok, url: "https://10.1.2.3/hook" }, ["url"], "loopback or private"],
    ["an IPv6 loopback", { ...ok, url: "https://[::1]/hook" }, ["url"], "loopback or private"],
    ["a URL too long", { ...ok, url: `https://bets.example/${"x".repeat(2100)}` }, ["url"], "2048"],
    ["no URL", { event_types: ["*"] }, ["url"], ""],
    [
      "an unknown event type",
      { ...ok, event_types: ["THROW_IN"] },
      ["event_types", 0],
      "published event type",
    ],
    [
      "a type never published (the sensor's signal becomes GOAL_SCORED)",
      { ...ok, event_types: ["GOAL_LINE_SIGNAL"] },
      ["event_types", 0],
      "GOAL_SCORED",
    ],
    ["no event types", { ...ok, event_types: [] }, ["event_types"], "at least one event type"],
    ['"*" with others', { ...ok, event_types: ["*", "GOAL_SCORED"] }, ["event_types"], "alone"],
    ["event types not a list", { ...ok, event_types: "GOAL_SCORED" }, ["event_types"], ""],
    ["an unknown field", { ...ok, secret: "whsec_mine" }, [], "secret"],
  ])("%s → 422 naming it", async (_, body, path, words) => {
    const res = await register(body);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.[0]?.path).toEqual(path);
    expect(JSON.stringify(error)).toContain(words);
  });

  it("malformed JSON → 400, a body far larger than a registration → 413", async () => {
    expect((await errorOf(await register('{"url": '))).code).toBe("invalid_json");
    const huge = await register({ ...ok, padding: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
  });
});

describe("webhook ids", () => {
  it("a malformed id → 400 before any lookup", async () => {
    for (const [method, path] of [
      ["DELETE", "/v1/ops/webhooks/42"],
      ["POST", "/v1/ops/webhooks/not-a-uuid/rotate-secret"],
    ]) {
      const res = await admin(path!, { method });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_webhook_id");
    }
  });
});

describe("urlProblem with WEBHOOK_ALLOW_LOOPBACK", () => {
  it("allows http to loopback, and https to private addresses, only when loopback is allowed", () => {
    for (const url of [
      "http://127.0.0.1:4321/hook",
      "http://localhost:8080/",
      "http://[::1]:9/x",
      "https://10.0.0.1/x",
    ]) {
      expect(urlProblem(url, true), url).toBeUndefined();
    }
    expect(urlProblem("https://bets.example/hook", false)).toBeUndefined();
    expect(urlProblem("https://172.20.0.1/x", false)).toMatch(/private/);
    expect(urlProblem("https://172.32.0.1/x", false)).toBeUndefined();
    expect(urlProblem("https://[fd00::1]/x", false)).toMatch(/private/);
    expect(urlProblem("http://bets.example/hook", true)).toMatch(/must be https/);
    expect(urlProblem("http://192.168.1.10/hook", true)).toMatch(/must be https/);
  });
});

describe("newWebhookSecret", () => {
  it("is whsec_ and the base64 of 32 random bytes", () => {
    const secrets = new Set(Array.from({ length: 20 }, newWebhookSecret));
    expect(secrets.size).toBe(20);
    for (const s of secrets) {
      expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(atob(s.slice("whsec_".length))).toHaveLength(32);
    }
  });
});
