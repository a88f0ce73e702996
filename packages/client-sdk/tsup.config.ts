import { defineConfig } from "tsup";

/**
 * The published build: ESM + CJS + declarations per entry, in dist/. `@buzz/schema` is a private workspace package,
 * so its zod-free `contract` entry is bundled in (code and types); react and partysocket stay dependencies.
 */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    react: "src/react/index.ts",
    push: "src/push/index.ts",
    sw: "src/sw/index.ts",
    source: "src/source/index.ts",
  },
  format: ["esm", "cjs"],
  // Shared chunks, so `.` and `./react` share one client and one BuzzHttpError class (instanceof holds across them).
  splitting: true,
  platform: "neutral",
  target: "es2022",
  external: [/^node:/, "react", "partysocket"],
  noExternal: [/^@buzz\/schema/],
  // Declarations: build/dts.mjs, with TypeScript 7 (tsup's declaration bundler needs the compiler API TS 7 lacks).
  dts: false,
  clean: true,
  sourcemap: true,
  treeshake: false,
});
