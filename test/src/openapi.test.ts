// The OpenAPI document the stack serves: valid OpenAPI 3.1 by the specification's own JSON Schema, and every
// operation in it is one the property tests fuzz (so a new route cannot join the contract untested).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { getJson } from "./http.js";
import { endpointsOf } from "./properties/endpoints.js";

describe("GET /v1/openapi.json on the stack", () => {
  it("validates as OpenAPI 3.1, and the property tests cover each of its operations", async () => {
    const { status, body: doc } = await getJson("/v1/openapi.json");
    expect(status).toBe(200);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    const fuzzed = new Set(
      endpointsOf(() => ({})).map((e) => `${e.method} ${e.path.replace(/\{\w+\}/g, "{}")}`),
    );
    const operations = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{\w+\}/g, "{}")}`),
    );
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter((op) => !fuzzed.has(op))).toEqual([]);
  });
});
