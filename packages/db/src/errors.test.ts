import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { errorText, isDatabaseUnavailable } from "./errors.js";

describe("errorText", () => {
  it("names a failed query's reason, not only the query", () => {
    const reason = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const failed = new DrizzleQueryError("select 1", [], reason);
    expect(errorText(failed)).toBe(
      `${String(failed)} ← caused by Error: connect ECONNREFUSED 127.0.0.1:5432`,
    );
  });

  it("reads an ErrorEvent's message, and anything else as a string", () => {
    const event = Object.assign(new EventTarget(), { type: "error", message: "WebSocket peer disconnected" });
    expect(errorText(event)).toBe("error: WebSocket peer disconnected");
    expect(errorText("plain")).toBe("plain");
    expect(errorText(undefined)).toBe("undefined");
  });
});

describe("isDatabaseUnavailable", () => {
  const failed = (code: string) =>
    new DrizzleQueryError("update devices set locale = $1", [], Object.assign(new Error(code), { code }));

  it("says retry for a server that cannot serve now, a deadlock or a serialization failure included", () => {
    for (const code of ["08006", "40P01", "40001", "53300", "57P01", "58000"])
      expect(isDatabaseUnavailable(failed(code)), code).toBe(true);
  });

  it("says no for a query the server refused", () => {
    for (const code of ["23505", "23503", "22P02", "42P01"])
      expect(isDatabaseUnavailable(failed(code)), code).toBe(false);
  });
});
