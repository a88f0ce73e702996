import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every module the file reaches through relative imports, and the bare specifiers they import. */
function graphOf(entry: string): { files: string[]; bare: Set<string> } {
  const files: string[] = [];
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    if (!file.endsWith(".ts")) return;
    for (const m of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else bare.add(spec);
    }
  };
  visit(entry);
  return { files, bare };
}

describe("@buzz/simulator/core", () => {
  it("reaches no Node module, directly or through its imports, so a Worker can bundle it", () => {
    const { files, bare } = graphOf(join(SRC, "core.ts"));
    expect(files.map((f) => f.slice(SRC.length + 1))).toEqual(
      expect.arrayContaining([
        "data/worldcup.ts",
        "data/bundled.ts",
        "timeline/index.ts",
        "fixture/index.ts",
      ]),
    );
    expect(files.some((f) => f.endsWith("data/worldcup-2018.json"))).toBe(true);
    expect([...bare]).toEqual(["@buzz/schema/contract"]);
  });

  it("the check itself sees Node imports where there are some", () => {
    const { bare } = graphOf(join(SRC, "index.ts"));
    expect(bare).toContain("node:fs");
    expect(bare).toContain("@buzz/client-sdk/source");
  });
});
