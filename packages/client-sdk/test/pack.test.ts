// The package as a user gets it: `npm pack` (which builds dist/), installed into a scratch project, then loaded from
// Node (ESM and CJS), type-checked (nodenext, both module kinds), bundled by esbuild, and resolved by Metro's own
// resolver (metro-resolver, as a React Native app's bundler would, with package exports on).
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import Metro from "metro-resolver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(PKG, "..", "..");
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 240_000 });

/** For programs that call this process's test server: a synchronous child would block it. */
const runAsync = async (cmd: string, args: string[], cwd: string) =>
  (await promisify(execFile)(cmd, args, { cwd, encoding: "utf8", timeout: 60_000 })).stdout;

let scratch: string;
let files: string[];
let server: ReturnType<typeof createServer>;
let baseUrl: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "buzz-sdk-pack-"));
  // prepack builds dist/ first and prints its log before npm's JSON.
  const out = run("npm", ["pack", "--json", "--pack-destination", scratch], PKG);
  const [packed] = JSON.parse(out.slice(out.search(/^\[/m)));
  files = packed.files.map((f: { path: string }) => f.path);
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true }));
  // Offline: the dependencies (partysocket and its polyfill) and the optional peer (react) are packed from the
  // repo's own node_modules, so npm needs neither the registry nor its cache.
  const local = ["partysocket", "event-target-polyfill", "react"].map((dep) => {
    const [tgz] = JSON.parse(
      run(
        "npm",
        [
          "pack",
          "--json",
          "--ignore-scripts",
          "--pack-destination",
          scratch,
          join(ROOT, "node_modules", dep),
        ],
        scratch,
      ),
    );
    return join(scratch, tgz.filename);
  });
  run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", join(scratch, packed.filename), ...local],
    scratch,
  );
  // A gateway that knows no match: the installed client's typed errors are checked against it.
  server = createServer((_, res) =>
    res
      .writeHead(404, { "content-type": "application/json" })
      .end('{"error":{"code":"match_not_found","message":"no fixture"}}'),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 300_000);
afterAll(() => {
  server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const ENTRIES = ["index", "react", "push", "sw", "source"];

describe("the published package", () => {
  it("holds dist (ESM, CJS, declarations for both) and the README, not the sources", () => {
    for (const e of ENTRIES)
      for (const ext of [".js", ".cjs", ".d.ts", ".d.cts"]) expect(files).toContain(`dist/${e}${ext}`);
    expect(files).toContain("README.md");
    expect(files.filter((f) => f.startsWith("src/"))).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(join(scratch, "node_modules/@buzz/client-sdk/package.json"), "utf8"),
    );
    expect(manifest.private).toBeUndefined();
    expect(manifest.sideEffects).toBe(false);
    // @buzz/schema is private: its contract is bundled in, and nothing installed names it.
    expect(manifest.dependencies).not.toHaveProperty("@buzz/schema");
    for (const f of files.filter((f) => /\.(c?js|d\.c?ts)$/.test(f)))
      expect(readFileSync(join(scratch, "node_modules/@buzz/client-sdk", f), "utf8")).not.toContain(
        "@buzz/schema",
      );
  });

  const program = (load: string) => `
    ${load}
    const client = sdk.createClient({ baseUrl: ${JSON.stringify("BASE")} });
    client.getMatch("nowhere").catch((err) => {
      console.log(JSON.stringify({
        http: err instanceof sdk.BuzzHttpError, status: err.status, code: err.code,
        core: Object.keys(sdk).sort(), react: typeof react.useMatch, source: typeof source.createSourceClient,
        sw: typeof sw.startBuzzServiceWorker, push: typeof push.createDevice,
      }));
    });`;
  const expected = {
    http: true,
    status: 404,
    code: "match_not_found",
    react: "function",
    source: "function",
    sw: "function",
    push: "function",
  };

  it("loads from Node as ESM and as CommonJS, and works", async () => {
    const esm = program(`
      import * as sdk from "@buzz/client-sdk"; import * as react from "@buzz/client-sdk/react";
      import * as source from "@buzz/client-sdk/source"; import * as sw from "@buzz/client-sdk/sw";
      import * as push from "@buzz/client-sdk/push";`);
    const cjs = program(`
      const sdk = require("@buzz/client-sdk"), react = require("@buzz/client-sdk/react");
      const source = require("@buzz/client-sdk/source"), sw = require("@buzz/client-sdk/sw");
      const push = require("@buzz/client-sdk/push");`);
    writeFileSync(join(scratch, "esm.mjs"), esm.replace("BASE", baseUrl));
    writeFileSync(join(scratch, "cjs.cjs"), cjs.replace("BASE", baseUrl));
    const fromEsm = JSON.parse(await runAsync("node", ["esm.mjs"], scratch));
    const fromCjs = JSON.parse(await runAsync("node", ["cjs.cjs"], scratch));
    expect(fromEsm).toMatchObject(expected);
    expect(fromCjs).toEqual(fromEsm);
    expect(fromEsm.core).toEqual(expect.arrayContaining(["BuzzFatalError", "createClient", "memoryStorage"]));
  });

  it("type-checks from TypeScript under nodenext, as ESM and as CommonJS, with the contract's types shipped inside", () => {
    const use = `
      const client = createClient({ baseUrl: "https://buzz.example.com" });
      const handle = client.match("m");
      const home: number | undefined = handle.state?.home.score;
      const failed: boolean = handle.status === "failed" && handle.error instanceof BuzzFatalError;
      export const out = [home, failed];`;
    writeFileSync(
      join(scratch, "use.mts"),
      `import { BuzzFatalError, createClient } from "@buzz/client-sdk";${use}`,
    );
    writeFileSync(
      join(scratch, "use.cts"),
      `import sdk = require("@buzz/client-sdk"); const { BuzzFatalError, createClient } = sdk;${use.replace("export const out =", "export =")}`,
    );
    const tsc = join(ROOT, "node_modules/.bin/tsc");
    const flags = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext"];
    expect(run(tsc, [...flags, "use.mts", "use.cts"], scratch)).toBe("");
  });

  it("bundles with esbuild for browsers, and with the react-native condition", async () => {
    writeFileSync(
      join(scratch, "app.js"),
      `import { createClient } from "@buzz/client-sdk"; import { useMatch } from "@buzz/client-sdk/react";
       export const app = [createClient, useMatch];`,
    );
    const bundle = async (conditions: string[]) =>
      build({
        absWorkingDir: scratch,
        entryPoints: ["app.js"],
        bundle: true,
        write: false,
        format: "esm",
        platform: "browser",
        conditions,
        metafile: true,
        logLevel: "silent",
      });
    const web = await bundle([]);
    const inputs = Object.keys(web.metafile.inputs);
    expect(inputs).toContain("node_modules/@buzz/client-sdk/dist/index.js");
    expect(web.outputFiles[0]!.text).not.toMatch(/from "node:/);
    const native = await bundle(["react-native"]);
    expect(Object.keys(native.metafile.inputs)).toContain("node_modules/@buzz/client-sdk/dist/react.js");
  });

  it("resolves through Metro's resolver, every entry by its react-native condition, for imports and requires", () => {
    const warnings: string[] = [];
    const lookup = (path: string) => {
      try {
        const st = statSync(path);
        return { exists: true, type: st.isDirectory() ? "d" : "f", realPath: realpathSync(path) } as const;
      } catch {
        return { exists: false } as const;
      }
    };
    const context = (isESMImport: boolean): Parameters<typeof Metro.resolve>[0] => ({
      // React Native's Metro defaults (@react-native/metro-config), package exports on as since Metro 0.82.
      allowHaste: false,
      assetExts: new Set(["png", "jpg"]),
      customResolverOptions: {},
      disableHierarchicalLookup: false,
      doesFileExist: (path) => lookup(path).exists,
      extraNodeModules: null,
      dev: false,
      getPackage: (path) => (lookup(path).exists ? JSON.parse(readFileSync(path, "utf8")) : null),
      // What Metro's file map answers: the nearest package.json above a (possibly missing) module path.
      getPackageForModule: (modulePath) => {
        for (let dir = modulePath; dir !== dirname(dir); dir = dirname(dir))
          if (lookup(join(dir, "package.json")).exists)
            return {
              packageJson: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")),
              rootPath: dir,
              packageRelativePath: relative(dir, modulePath),
            };
        return null;
      },
      isESMImport,
      fileSystemLookup: lookup,
      mainFields: ["react-native", "browser", "main"],
      originModulePath: join(realpathSync(scratch), "App.js"),
      nodeModulesPaths: [],
      preferNativePlatform: true,
      resolveAsset: () => null,
      redirectModulePath: (path) => path,
      resolveHasteModule: () => null,
      resolveHastePackage: () => null,
      sourceExts: ["js", "jsx", "json", "ts", "tsx", "cjs", "mjs"],
      unstable_conditionNames: ["react-native"],
      unstable_conditionsByPlatform: { web: ["browser"] },
      unstable_enablePackageExports: true,
      unstable_incrementalResolution: false,
      unstable_logWarning: (message) => warnings.push(message),
    });
    const dist = join(realpathSync(scratch), "node_modules/@buzz/client-sdk/dist");
    // A require would get the .cjs file if the react-native condition did not come first.
    for (const isESMImport of [true, false])
      for (const [subpath, file] of [
        ["", "index.js"],
        ["/react", "react.js"],
        ["/push", "push.js"],
      ])
        expect(Metro.resolve(context(isESMImport), `@buzz/client-sdk${subpath}`, "ios")).toEqual({
          type: "sourceFile",
          filePath: join(dist, file!),
        });
    expect(warnings).toEqual([]);
  });
});
