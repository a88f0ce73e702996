import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// The simulator's id for match 64, the final (packages/simulator/src/data/slug.ts).
export const FINAL_MATCH_ID = "wc2018-64-fra-cro";

/** The simulator's CLI entry, read from its package.json so a renamed bin file still resolves. */
function replayBin(root) {
  const dir = join(root, "packages", "simulator");
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.["buzz-replay"];
  if (!bin) throw new Error("packages/simulator/package.json declares no buzz-replay bin");
  return join(dir, bin);
}

/**
 * How far the final already is in the persisted state. Its log is kept across runs, so a second replay
 * would be all duplicates: nothing would happen live.
 */
export async function finalProgress(baseUrl) {
  const res = await fetch(`${baseUrl}/v1/matches/${FINAL_MATCH_ID}`);
  const body = await res.json().catch(() => null);
  return res.status === 200
    ? { lastSequence: body?.last_sequence ?? 0, status: body?.status }
    : { lastSequence: 0 };
}

/**
 * Runs `buzz-replay --match final` against the stack, in the foreground (its progress bar needs the
 * terminal). Resolves with the exit code; `signal` aborts it.
 */
export function replayFinal(root, baseUrl, { signal } = {}) {
  const child = spawn(process.execPath, [replayBin(root), "--match", "final", "--base-url", baseUrl], {
    cwd: root,
    stdio: "inherit",
    signal,
  });
  return new Promise((resolve) => {
    child.once("exit", (code, sig) => resolve(code ?? (sig ? 1 : 0)));
    child.once("error", (err) => {
      if (err.name !== "AbortError") console.error(`buzz: could not run the replay: ${err.message}`);
      resolve(1);
    });
  });
}
