import { readdirSync, readFileSync } from "node:fs";

/** Linux reports process times in clock ticks of 10 ms (USER_HZ = 100 on every mainstream kernel). */
const TICK_MS = 10;

function stat(pid: number): { ppid: number; comm: string; cpuMs: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is parenthesised and may hold spaces: split after its closing parenthesis.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // After comm: state(0) ppid(1) … utime(11) stime(12).
    return { ppid: Number(fields[1]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null; // the process ended between the listing and the read
  }
}

/** User + system CPU in ms of `root` and every descendant, split by command name (e.g. workerd vs node). */
export function treeCpu(root: number): Record<string, number> {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => ({ pid: Number(name), s: stat(Number(name)) }))
    .filter((p): p is { pid: number; s: NonNullable<ReturnType<typeof stat>> } => p.s !== null);
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!inTree.has(p.pid) && inTree.has(p.s.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
  }
  const byComm: Record<string, number> = {};
  for (const p of all) if (inTree.has(p.pid)) byComm[p.s.comm] = (byComm[p.s.comm] ?? 0) + p.s.cpuMs;
  return byComm;
}

export function cpuDelta(before: Record<string, number>, after: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [comm, ms] of Object.entries(after)) out[comm] = ms - (before[comm] ?? 0);
  return out;
}
