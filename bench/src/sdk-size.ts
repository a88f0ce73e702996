// Size of the fan-app SDK's core entry beside socket.io-client and ably, each bundled the same way:
// esbuild (bundle, minify, ESM, browser platform, tree-shaken), then gzip -9. Standalone: `npx tsx bench/src/sdk-size.ts`.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const HERE = dirname(fileURLToPath(import.meta.url));
const SDK_CORE = join(HERE, "..", "..", "packages", "client-sdk", "src", "index.ts");
/** The budget for the core entry, minified + gzipped. */
export const BUDGET_BYTES = 8 * 1024;

interface Measured {
  name: string;
  minified: number;
  gzipped: number;
  /** The packages the bundle holds, so a dependency creeping in (zod, say) shows. */
  packages: string[];
}

/** Bundles everything the entry exports (what an app importing the package pulls in at most). */
async function measure(name: string, contents: string): Promise<Measured> {
  const out = await build({
    stdin: { contents, resolveDir: HERE, loader: "ts", sourcefile: `${name}-entry.ts` },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    metafile: true,
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const code = out.outputFiles[0]!.contents;
  const packages = new Set(
    Object.keys(out.metafile.inputs).map(
      (path) =>
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ??
        (path.includes("packages/schema/") ? "@buzz/schema" : "(own code)"),
    ),
  );
  return {
    name,
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    packages: [...packages].sort(),
  };
}

export interface SdkSizeResult {
  budgetBytes: number;
  withinBudget: boolean;
  sizes: Measured[];
}

export async function benchSdkSize(): Promise<SdkSizeResult> {
  const sizes = [
    await measure("@buzz/client-sdk (core)", `export * from ${JSON.stringify(SDK_CORE)};`),
    await measure("socket.io-client", `export * from "socket.io-client";`),
    await measure("ably", `export * from "ably";`),
  ];
  const [sdk] = sizes as [Measured, ...Measured[]];
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  console.log("\nSDK size — esbuild bundle, minified, ESM, browser, tree-shaken; then gzip -9");
  console.log(
    ["library".padEnd(26), "minified".padStart(11), "min+gzip".padStart(11), "gzip vs SDK".padStart(12)].join(
      " ",
    ),
  );
  for (const s of sizes) {
    console.log(
      [
        s.name.padEnd(26),
        kb(s.minified).padStart(11),
        kb(s.gzipped).padStart(11),
        `${(s.gzipped / sdk.gzipped).toFixed(1)}×`.padStart(12),
      ].join(" "),
    );
  }
  console.log(`core entry holds: ${sdk.packages.join(", ")}`);
  const withinBudget = sdk.gzipped <= BUDGET_BYTES;
  console.log(
    `core entry: ${kb(sdk.gzipped)} of the ${kb(BUDGET_BYTES)} budget — ${withinBudget ? "within" : "OVER"} budget`,
  );
  return { budgetBytes: BUDGET_BYTES, withinBudget, sizes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchSdkSize();
