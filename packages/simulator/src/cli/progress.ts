import cliProgress from "cli-progress";
import type { WorldCupMatch } from "../data/worldcup.js";
import type { ReplayProgress } from "../replay/index.js";

export interface ProgressView {
  update(p: ReplayProgress): void;
  done(matchId: string, line: string): void;
  stop(): void;
}

const scoreLine = (m: WorldCupMatch, p: ReplayProgress) =>
  `${m.home.code} ${p.score.home}-${p.score.away} ${m.away.code}` +
  (p.penalties ? ` (pens ${p.penalties.home}-${p.penalties.away})` : "");

/** One bar per match on a terminal; plain lines (one per change of score or period) when piped. */
export function createProgressView(matches: Map<string, WorldCupMatch>, tty: boolean): ProgressView {
  if (!tty) {
    const last = new Map<string, string>();
    return {
      update(p) {
        const m = matches.get(p.matchId)!;
        const line = `${p.matchId} ${p.clock.period ?? "KICK-OFF"} ${scoreLine(m, p)}${p.offline ? " [network cut]" : ""}`;
        if (last.get(p.matchId) !== line) console.log(`${p.clock.label.padStart(6)} ${line}`);
        last.set(p.matchId, line);
      },
      done: (_id, line) => console.log(line),
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      format: " {match} |{bar}| {clock} {score} · acked {acked}/{events}{status}",
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  // Printed once the bars are stopped: lines logged while they redraw can be lost when the last one finishes.
  const results: string[] = [];
  return {
    update(p) {
      const m = matches.get(p.matchId)!;
      const payload = {
        match: p.matchId.padEnd(20),
        clock: p.clock.label.padStart(6),
        score: scoreLine(m, p),
        acked: p.acked,
        events: p.total,
        status: p.offline
          ? `  ⚠ network cut, WAL holds ${p.wal.events} events (${Math.round(p.wal.ageMs / 1000)} s)`
          : p.sent > p.acked
            ? `  (${p.sent - p.acked} in flight)`
            : "",
      };
      const bar = bars.get(p.matchId) ?? multi.create(Math.ceil(p.duration), 0, payload);
      bars.set(p.matchId, bar);
      bar.update(Math.floor(p.played), payload);
    },
    done: (matchId, line) => {
      results.push(line);
      // With many matches, finished bars make way for running ones; a single match keeps its bar at FT.
      const bar = bars.get(matchId);
      if (bar && matches.size > 1) multi.remove(bar);
    },
    stop: () => {
      multi.stop();
      for (const line of results) console.log(line);
    },
  };
}
