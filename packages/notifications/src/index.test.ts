import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The dashboard bundles this package: a value import from "@buzz/schema" would pull in zod (its single entry
// point evaluates every schema), so shipped code may only import types from it. Tests may import anything.
describe("shipped code", () => {
  it("imports nothing but types from @buzz/schema", () => {
    const dir = import.meta.dirname;
    const shipped = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("testing"));
    expect(shipped.length).toBeGreaterThan(10);
    for (const file of shipped) {
      const imports = readFileSync(join(dir, file), "utf8").match(/^import .* from "@buzz\/schema";$/gm) ?? [];
      for (const line of imports) expect(line, file).toMatch(/^import type /);
    }
  });
});
