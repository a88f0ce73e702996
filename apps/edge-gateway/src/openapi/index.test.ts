import { describe, expect, it } from "vitest";
import { app } from "../app.js";
import { call } from "../testing/http.js";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>>;
  components: { securitySchemes: Record<string, unknown> };
};
const documentOf = async () => (await (await call("/v1/openapi.json")).json()) as Doc;

/** `METHOD /path/{param}` for each handler the app routes (middleware registered for every method left out). */
const appOperations = () =>
  new Set(
    app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/v1/"))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
  );
const documented = (doc: Doc) =>
  new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );

describe("GET /v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every route of the app, and only those", async () => {
    const res = await call("/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    expect([...appOperations()].sort()).toEqual([...documented(doc)].sort());
  });

  it("gives each body the schema its route validates with", async () => {
    const doc = await documentOf();
    const bodyOf = (path: string, method: string) =>
      JSON.stringify(doc.paths[path]?.[method]?.requestBody ?? null);
    expect(bodyOf("/v1/devices", "post")).toContain('"locale"');
    expect(bodyOf("/v1/matches/{id}", "put")).toContain('"kickoff_at"');
    expect(bodyOf("/v1/matches/{id}/events", "post")).toContain('"GOAL_LINE_SIGNAL"');
    expect(bodyOf("/v1/ops/webhooks", "post")).toContain('"event_types"');
  });

  it("says who may call each operation", async () => {
    const doc = await documentOf();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(
      ["admin", "device", "sourceKey", "sourceSignature", "sourceTimestamp"].sort(),
    );
    expect(doc.paths["/v1/ops/health"]?.get?.security).toEqual([{ admin: [] }]);
    expect(doc.paths["/v1/devices/me/follows"]?.put?.security).toEqual([{ device: [] }]);
    expect(doc.paths["/v1/matches/{id}/events"]?.post?.security).toEqual([
      { sourceKey: [], sourceTimestamp: [], sourceSignature: [] },
    ]);
    expect(doc.paths["/v1/matches"]?.get?.security).toEqual([]);
  });
});
