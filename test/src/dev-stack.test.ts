// `npm run dev` itself, as a developer runs it: when the runtime dies under it, it restarts the stack on the same
// port and state instead of running on with nothing behind it. Its own stack (embedded PGlite, a temp BUZZ_HOME),
// beside the suite's.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ROOT } from "@buzz/dev-stack";
import { afterAll, describe, expect, it } from "vitest";

const launcher = join(ROOT, "packages/dev-stack/src/start.mjs");
const home = mkdtempSync(join(tmpdir(), "buzz-home-"));
let dev: ChildProcess | null = null;
let output = "";

afterAll(async () => {
  if (dev && dev.exitCode === null) {
    dev.kill("SIGINT");
    await new Promise((resolve) => dev!.once("exit", resolve));
  }
  rmSync(home, { recursive: true, force: true });
});

async function healthy(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/v1/health`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** The workerd processes among the descendants of `pid`. */
function workerdUnder(pid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map(([p, pp, comm]) => ({ pid: Number(p), ppid: Number(pp), comm: comm ?? "" }));
  const family = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows)
      if (family.has(r.ppid) && !family.has(r.pid)) {
        family.add(r.pid);
        grew = true;
      }
  }
  return rows.filter((r) => family.has(r.pid) && r.comm.startsWith("workerd")).map((r) => r.pid);
}

describe("npm run dev", () => {
  it("restarts the stack on the same port when its runtime is killed, and stops on Ctrl-C", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, BUZZ_PORT: String(port), BUZZ_HOME: home };
    delete env.DATABASE_URL; // the embedded default, as on a fresh machine
    dev = spawn(process.execPath, [launcher], { env, stdio: ["ignore", "pipe", "pipe"] });
    dev.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    dev.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    // The launcher's banner, not a 200 seen by this test: it prints once its own health wait is over and its
    // watch has begun. A runtime killed between the two was a stack that never came up (CI of stop 16).
    await expect.poll(() => output, { timeout: 120_000, interval: 500 }).toContain("Buzz is running");
    await expect.poll(() => healthy(base), { timeout: 30_000, interval: 500 }).toBe(true);

    const runtimes = workerdUnder(dev.pid!);
    expect(runtimes.length).toBeGreaterThan(0);
    for (const pid of runtimes) process.kill(pid, "SIGKILL");
    await expect.poll(() => healthy(base), { timeout: 10_000, interval: 200 }).toBe(false);

    await expect.poll(() => output, { timeout: 60_000, interval: 500 }).toMatch(/restarting the stack/);
    await expect.poll(() => output, { timeout: 90_000, interval: 500 }).toContain(`buzz: back at ${base}`);
    await expect.poll(() => healthy(base), { timeout: 30_000, interval: 500 }).toBe(true);
    expect(dev.exitCode).toBeNull();

    dev.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => dev!.once("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(await healthy(base)).toBe(false);
  }, 420_000); // two cold starts of the stack on a loaded machine, each allowed its 120 s
});
