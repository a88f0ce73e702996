import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const bundle = async (entry: string) => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    logLevel: "silent",
  });
  return Object.keys(out.metafile.inputs);
};

// Fan apps and the dashboard import the contract; the validators (zod) are for the Workers only.
describe("@buzz/schema/contract", () => {
  it("bundles without zod", async () => {
    const inputs = await bundle("./index.ts");
    expect(inputs.some((path) => path.includes("/contract/catalogue.ts"))).toBe(true);
    expect(inputs.filter((path) => path.includes("node_modules"))).toEqual([]);
  });

  it("the check sees zod where it is", async () => {
    expect((await bundle("../validate/index.ts")).some((path) => path.includes("node_modules/zod/"))).toBe(
      true,
    );
  });
});
