import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it, vi } from "vitest";
import { call, errorOf } from "../testing/http.js";
import { DomainError, onError, onNotFound, unwrap } from "./index.js";

describe("error path", () => {
  it("answers unknown /v1 routes with 404 not_found", async () => {
    for (const [method, path] of [
      ["GET", "/v1/nope"],
      ["DELETE", "/v1/matches/m1"],
      ["POST", "/v1/health"],
    ] as const) {
      const res = await call(path, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toContain("application/json");
      expect(await errorOf(res)).toEqual({ code: "not_found", message: `no route for ${method} ${path}` });
    }
  });

  it("turns a room's error value into the same error", () => {
    expect(unwrap({ ok: true, value: 7 })).toBe(7);
    try {
      unwrap({
        ok: false,
        error: {
          status: 422,
          code: "unknown_player",
          message: "no FRA-x",
          issues: [{ path: ["data"], message: "m" }],
        },
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).status).toBe(422);
      expect((err as DomainError).body()).toEqual({
        error: { code: "unknown_player", message: "no FRA-x", issues: [{ path: ["data"], message: "m" }] },
      });
    }
  });

  const app = new Hono()
    .get("/api", () => {
      throw new DomainError(409, "conflict", "already there");
    })
    .get("/hono", () => {
      throw new HTTPException(403, { message: "nope" });
    })
    .get("/bug", () => {
      throw new TypeError("cannot read x of undefined");
    });
  app.onError(onError);
  app.notFound(onNotFound);

  it("maps an DomainError to its status and body, without issues when there are none", async () => {
    const res = await app.request("/api");
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "conflict", message: "already there" } });
  });

  it("gives Hono's own exceptions the contract's shape", async () => {
    const res = await app.request("/hono");
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden", message: "nope" } });
  });

  it("hides an unexpected error behind 500 internal, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.request("/bug");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "internal error" } });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
