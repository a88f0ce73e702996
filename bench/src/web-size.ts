// Size of the dashboard's production build (apps/web, its own vite.config.ts) beside a named baseline: react +
// react-dom alone (createRoot rendering one element), built by the same Vite with the same React plugin.
// Per asset raw and gzip -9, and what a visitor downloads for the first page. Standalone: `npm run bench:web-size`.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { build, type Plugin, type Rollup } from "vite";

const WEB = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "apps", "web");
const BASELINE_ID = "\0web-size-baseline";
const BASELINE_CODE = `import { createElement } from "react";
import { createRoot } from "react-dom/client";
createRoot(document.getElementById("root")).render(createElement("p", null, "hello"));`;

interface Asset {
  file: string;
  raw: number;
  gzip: number;
  /** Part of what the dashboard page (index.html, entry "main") loads. */
  firstLoad: boolean;
}

export interface WebSizeResult {
  assets: Asset[];
  total: { raw: number; gzip: number };
  firstLoad: { raw: number; gzip: number };
  baseline: { name: string; raw: number; gzip: number };
}

const sizeOf = (file: string, bytes: Uint8Array | string, firstLoad: boolean): Asset => {
  const buf = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return { file, raw: buf.byteLength, gzip: gzipSync(buf, { level: 9 }).byteLength, firstLoad };
};
const sum = (xs: Asset[]) => ({
  raw: xs.reduce((n, a) => n + a.raw, 0),
  gzip: xs.reduce((n, a) => n + a.gzip, 0),
});

async function outputOf(
  config: Parameters<typeof build>[0],
): Promise<Rollup.OutputBundle[keyof Rollup.OutputBundle][]> {
  const out = await build({ logLevel: "silent", ...config, build: { ...config?.build, write: false } });
  return (Array.isArray(out) ? out : [out as Rollup.RollupOutput]).flatMap((o) => o.output);
}

/** The files index.html pulls in: the "main" entry, the chunks it imports (transitively) and their CSS. */
function firstLoadFiles(files: Rollup.OutputBundle[keyof Rollup.OutputBundle][]): Set<string> {
  const chunks = new Map(files.flatMap((f) => (f.type === "chunk" ? [[f.fileName, f] as const] : [])));
  const wanted = new Set(["index.html"]);
  const visit = (chunk: Rollup.OutputChunk) => {
    if (wanted.has(chunk.fileName)) return;
    wanted.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) wanted.add(css);
    for (const dep of chunk.imports) visit(chunks.get(dep)!);
  };
  const main = [...chunks.values()].find((c) => c.isEntry && c.name === "main");
  if (!main) throw new Error("web-size: apps/web has no 'main' entry");
  visit(main);
  return wanted;
}

export async function benchWebSize(): Promise<WebSizeResult> {
  const files = await outputOf({ root: WEB, configFile: join(WEB, "vite.config.ts"), mode: "production" });
  const first = firstLoadFiles(files);
  const assets = files
    .map((f) => sizeOf(f.fileName, f.type === "chunk" ? f.code : f.source, first.has(f.fileName)))
    .sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip);

  const baselinePlugin: Plugin = {
    name: "web-size-baseline",
    resolveId: (id) => (id === BASELINE_ID ? id : null),
    load: (id) => (id === BASELINE_ID ? BASELINE_CODE : null),
  };
  const baselineFiles = await outputOf({
    root: WEB,
    configFile: false,
    mode: "production",
    plugins: [react(), baselinePlugin],
    build: { rollupOptions: { input: BASELINE_ID } },
  });
  const baseline = {
    name: "react + react-dom (createRoot, one element)",
    ...sum(baselineFiles.map((f) => sizeOf(f.fileName, f.type === "chunk" ? f.code : f.source, true))),
  };

  const result = { assets, total: sum(assets), firstLoad: sum(assets.filter((a) => a.firstLoad)), baseline };
  print(result);
  return result;
}

function print(r: WebSizeResult) {
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  const row = (name: string, raw: number, gzip: number, note = "") =>
    console.log([name.padEnd(56), kb(raw).padStart(11), kb(gzip).padStart(11), note].join(" "));
  console.log("\nDashboard bundle — vite build (apps/web/vite.config.ts, production); gzip -9 per file");
  console.log(["asset".padEnd(56), "raw".padStart(11), "gzip".padStart(11)].join(" "));
  for (const a of r.assets) row(a.file, a.raw, a.gzip, a.firstLoad ? "first load" : "");
  row("total (every asset)", r.total.raw, r.total.gzip);
  row(
    "dashboard first load (index.html + main)",
    r.firstLoad.raw,
    r.firstLoad.gzip,
    `${(r.firstLoad.gzip / r.baseline.gzip).toFixed(2)}× baseline (gzip)`,
  );
  row(`baseline: ${r.baseline.name}`, r.baseline.raw, r.baseline.gzip, "same vite + react plugin");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchWebSize();
