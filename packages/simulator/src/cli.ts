import { parseCliArgs, USAGE } from "./cli/args.js";
import { createProgressView } from "./cli/progress.js";
import { loadWorldCup } from "./data/load.js";
import { selectMatch, type WorldCupMatch } from "./data/worldcup.js";
import { replayMatch } from "./replay/index.js";

const env = process.env;

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const all = loadWorldCup(args.data);
  const matches = args.all ? all : [selectMatch(all, args.match!)];
  const base = args.baseUrl.replace(/\/+$/, "");

  const health = await fetch(`${base}/v1/health`).catch(() => null);
  if (!health?.ok) {
    console.error(
      `No Buzz stack answers at ${base}/v1/health. Start one with \`npm run dev\` (or set --base-url).`,
    );
    return 1;
  }
  console.log(`Dashboard: ${base}/`);
  for (const m of matches.slice(0, 4))
    console.log(
      `${m.home.name} - ${m.away.name}: ${base}/v1/matches/${m.matchId}  (live: ${base.replace(/^http/, "ws")}/v1/matches/${m.matchId}/live)`,
    );
  if (matches.length > 4) console.log(`… and ${matches.length - 4} more (${base}/v1/matches)`);
  console.log(
    `Speed ×${args.speed}${args.cut ? `, network cut at ${args.cut.atMatchMinute}' for ${args.cut.seconds} s` : ""}\n`,
  );

  const view = createProgressView(new Map(matches.map((m) => [m.matchId, m])), Boolean(process.stdout.isTTY));
  const queue = [...matches];
  let failures = 0;
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      try {
        const result = await replayMatch({
          baseUrl: base,
          adminToken: env.BUZZ_ADMIN_TOKEN ?? "dev-admin-token",
          keyId: env.BUZZ_KEY_ID ?? "dev-source",
          secret: env.BUZZ_SECRET ?? "dev-source-secret",
          match: m,
          speed: args.speed,
          cut: args.cut ?? undefined,
          walDir: args.walDir,
          seed: args.seed,
          onProgress: (p) => view.update(p),
        });
        const check = await verify(base, m);
        if (!check.ok) failures++;
        const duplicates = result.results.filter((r) => r.result.status === "duplicate").length;
        view.done(
          m.matchId,
          `${check.ok ? "✓" : "✗"} ${m.matchId}: ${check.line} (${result.results.length} events sent, ${duplicates} recognised as duplicates)`,
        );
      } catch (err) {
        failures++;
        view.done(m.matchId, `✗ ${m.matchId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.concurrency, matches.length) }, worker));
  view.stop();
  return failures ? 1 : 0;
}

/** The gateway's projection against the data: the replay is only done when the server agrees. */
async function verify(base: string, m: WorldCupMatch): Promise<{ ok: boolean; line: string }> {
  const res = await fetch(`${base}/v1/matches/${m.matchId}`);
  if (!res.ok) return { ok: false, line: `GET /v1/matches/${m.matchId} → ${res.status}` };
  const state = (await res.json()) as {
    home: { score: number };
    away: { score: number };
    penalty_score: { home: number; away: number } | null;
  };
  const [h, a] = m.raw.score.et ?? m.raw.score.ft;
  const p = m.raw.score.p;
  const server =
    `${m.home.code} ${state.home.score}-${state.away.score} ${m.away.code}` +
    (state.penalty_score ? ` (pens ${state.penalty_score.home}-${state.penalty_score.away})` : "");
  const ok =
    state.home.score === h &&
    state.away.score === a &&
    (p ? state.penalty_score?.home === p[0] && state.penalty_score.away === p[1] : !state.penalty_score);
  return {
    ok,
    line: ok
      ? `server agrees, ${server}`
      : `server says ${server}, the data ${h}-${a}${p ? ` (pens ${p[0]}-${p[1]})` : ""}`,
  };
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    console.error(`\n${USAGE}`);
    process.exitCode = 2;
  },
);
