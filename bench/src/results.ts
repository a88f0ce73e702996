import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "..", "results");

/** Writes bench/results/<bench>-<time>.json (with the machine it ran on) and returns its path. */
export function saveResult(bench: string, data: object, extension?: { ext: string; text: string }): string {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(RESULTS, `${bench}-${stamp}.json`);
  const machine = { node: process.version, cores: cpus().length, cpu: cpus()[0]?.model ?? "?" };
  writeFileSync(
    file,
    `${JSON.stringify({ bench, at: new Date().toISOString(), machine, ...data }, null, 2)}\n`,
  );
  if (extension) writeFileSync(join(RESULTS, `${bench}-${stamp}.${extension.ext}`), extension.text);
  return file;
}

/** The newest saved result of a bench, or null when it has never run here. */
export function latestResult<T>(bench: string): (T & { at: string; file: string }) | null {
  let names: string[];
  try {
    names = readdirSync(RESULTS).filter((n) => n.startsWith(`${bench}-`) && n.endsWith(".json"));
  } catch {
    return null;
  }
  const newest = names.sort().at(-1);
  if (!newest) return null;
  const file = join(RESULTS, newest);
  return { ...(JSON.parse(readFileSync(file, "utf8")) as T & { at: string }), file };
}
