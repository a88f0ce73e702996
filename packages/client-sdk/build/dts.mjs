// Declarations for dist/, with the repo's TypeScript 7 (it has no compiler API, so no declaration bundler can
// drive it): `tsc -p tsconfig.dts.json` (run just before, by build:dist) emits one .d.ts per source file into
// dist/.types, the contract's included; this moves them to dist/types (ESM, .d.ts) and dist/types-cjs (CommonJS, .d.cts with .cjs specifiers, so a
// `require` consumer under nodenext sees CommonJS types), points "@buzz/schema/contract" at the shipped copy, and
// writes one entry declaration per export beside its bundle: dist/<entry>.d.ts and dist/<entry>.d.cts.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const ENTRIES = {
  index: "index",
  react: "react/index",
  push: "push/index",
  sw: "sw/index",
  source: "source/index",
};
const tmp = "dist/.types";

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const spec = (from, to) => {
  const r = relative(dirname(from), to).split("\\").join("/");
  return r.startsWith(".") ? r : `./${r}`;
};
for (const [out, ext] of [
  ["dist/types", ".d.ts"],
  ["dist/types-cjs", ".d.cts"],
]) {
  rmSync(out, { recursive: true, force: true });
  for (const file of walk(tmp).filter((f) => f.endsWith(".d.ts"))) {
    const target = join(out, relative(tmp, file)).replace(/\.d\.ts$/, ext);
    const contract = join(out, "schema/src/contract/index.js");
    let text = readFileSync(file, "utf8").replaceAll(
      '"@buzz/schema/contract"',
      JSON.stringify(spec(target, contract)),
    );
    if (ext === ".d.cts") text = text.replace(/((?:from|import\()\s*"\.{1,2}\/[^"]*)\.js"/g, '$1.cjs"');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}
rmSync(tmp, { recursive: true, force: true });
for (const [name, src] of Object.entries(ENTRIES)) {
  writeFileSync(`dist/${name}.d.ts`, `export * from "./types/client-sdk/src/${src}.js";\n`);
  writeFileSync(`dist/${name}.d.cts`, `export * from "./types-cjs/client-sdk/src/${src}.cjs";\n`);
}
