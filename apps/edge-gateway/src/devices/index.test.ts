// What the device routes decide before touching Postgres (this pool has none): bodies and tokens. The flows
// with a database run end to end in test/src/devices.test.ts.
import { describe, expect, it } from "vitest";
import { call, errorOf } from "../testing/http.js";
import { newDeviceToken, TOKEN_PATTERN, tokenHash } from "./token.js";

const json = (method: string, body: string | undefined, headers: Record<string, string> = {}) => ({
  method,
  body,
  headers: { "Content-Type": "application/json", ...headers },
});

describe("POST /v1/devices", () => {
  it.each([
    ['{"locale":"fr_FR"}', 422, "validation_failed", ["locale"]],
    // Well-formed, but a repeated variant is not BCP 47: Intl refuses it (it used to be a 500).
    ['{"locale":"de-1996-1996"}', 422, "validation_failed", ["locale"]],
    ['{"locale":"en-GB-oxendict-oxendict"}', 422, "validation_failed", ["locale"]],
    ['{"locale":"fr\\u0000"}', 422, "validation_failed", ["locale"]],
    ['{"locale":"fr","extra":1}', 422, "validation_failed", []],
    ['"fr"', 422, "validation_failed", []],
    ["{", 400, "invalid_json", undefined],
  ])("refuses %s", async (body, status, code, path) => {
    const res = await call("/v1/devices", json("POST", body));
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    if (path) expect(error.issues?.[0]?.path).toEqual(path);
  });

  it("refuses a body far larger than a device sends", async () => {
    const res = await call(
      "/v1/devices",
      json("POST", JSON.stringify({ locale: "fr", pad: "x".repeat(20_000) })),
    );
    expect(res.status).toBe(413);
  });
});

describe("device authentication", () => {
  it.each([
    ["no header", {}],
    ["another scheme", { Authorization: `Basic ${btoa("a:b")}` }],
    ["a malformed token", { Authorization: "Bearer short" }],
  ])("answers 401 to %s", async (_, headers) => {
    for (const [method, path] of [
      ["PUT", "/v1/devices/me/follows"],
      ["GET", "/v1/devices/me/push-subscription"],
      ["DELETE", "/v1/devices/me"],
      ["PUT", "/v1/devices/me/native-push-token"],
      ["DELETE", "/v1/devices/me/native-push-token"],
      ["PUT", "/v1/devices/me/preferences"],
      ["GET", "/v1/devices/me/preferences"],
    ]) {
      const res = await call(path!, json(method!, method === "PUT" ? "{}" : undefined, headers));
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthorized");
    }
  });
});

describe("device tokens", () => {
  it("are 32 random bytes in base64url, and stored as their hex SHA-256", async () => {
    const tokens = new Set(Array.from({ length: 50 }, newDeviceToken));
    expect(tokens.size).toBe(50);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
    // sha256("abc"), FIPS 180-2 appendix B.1
    expect(await tokenHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
