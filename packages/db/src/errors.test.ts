import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { errorText } from "./errors.js";

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
