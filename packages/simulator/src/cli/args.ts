import { parseArgs } from "node:util";
import { DEFAULT_SPEED } from "../replay/index.js";
import type { CutOptions } from "../replay/network-cut.js";

export const USAGE = `Usage: buzz-replay --match <64|final|fra-cro|wc2018-64-fra-cro> [options]
       buzz-replay --all [options]

Replays 2018 World Cup matches against a running Buzz stack, the way a stadium would.

  --match <sel>         match number (1-64), "final", home-away FIFA codes or a match id
  --all                 all 64 matches
  --speed <n>           match seconds per real second (default ${DEFAULT_SPEED}: the final in ~3 minutes)
  --cut <min>:<secs>    cut the source's network at match minute <min> for <secs> real seconds
  --base-url <url>      gateway (default $BUZZ_BASE_URL or http://127.0.0.1:$BUZZ_PORT, port 8787)
  --concurrency <n>     matches replayed at once with --all (default 16)
  --seed <s>            seed for delays and shoot-outs (default 2018)
  --wal-dir <dir>       where the source client keeps its WALs (default the OS temp dir)
  --data <file>         the openfootball JSON (default: the copy in packages/simulator/data)

Environment: BUZZ_ADMIN_TOKEN (dev-admin-token), BUZZ_KEY_ID (dev-source), BUZZ_SECRET (dev-source-secret).`;

export interface CliArgs {
  match: string | null;
  all: boolean;
  speed: number;
  cut: CutOptions | null;
  baseUrl: string;
  concurrency: number;
  seed: string;
  walDir: string | undefined;
  data: string | undefined;
  help: boolean;
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${value}"`);
  return n;
}

export function parseCut(value: string): CutOptions {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(value);
  if (!m) throw new Error(`--cut takes MINUTE:SECONDS, e.g. 60:20, got "${value}"`);
  return { atMatchMinute: Number(m[1]), seconds: Number(m[2]) };
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      match: { type: "string" },
      all: { type: "boolean", default: false },
      speed: { type: "string" },
      cut: { type: "string" },
      "base-url": { type: "string" },
      concurrency: { type: "string" },
      seed: { type: "string" },
      "wal-dir": { type: "string" },
      data: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (!values.help && !values.all && !values.match) throw new Error("give --match <sel> or --all");
  if (values.all && values.match) throw new Error("--match and --all exclude each other");
  return {
    match: values.match ?? null,
    all: values.all,
    speed: values.speed ? positive("speed", values.speed) : DEFAULT_SPEED,
    cut: values.cut ? parseCut(values.cut) : null,
    baseUrl: values["base-url"] ?? env.BUZZ_BASE_URL ?? `http://127.0.0.1:${env.BUZZ_PORT || 8787}`,
    concurrency: values.concurrency ? Math.floor(positive("concurrency", values.concurrency)) : 16,
    seed: values.seed ?? "2018",
    walDir: values["wal-dir"],
    data: values.data,
    help: values.help,
  };
}
