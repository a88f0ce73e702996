import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSourceClient, type RetryOptions, type WalDepth } from "@buzz/client-sdk/source";
import type { IngestResult, Score } from "@buzz/schema/contract";
import type { WorldCupMatch } from "../data/worldcup.js";
import { buildFixture } from "../fixture/index.js";
import { buildTimeline, type TimelineItem } from "../timeline/index.js";
import { type Clock, clockAt } from "../timeline/periods.js";
import { putFixture } from "./fixture.js";
import { type CutOptions, NetworkCut } from "./network-cut.js";

/** Match seconds per real second: the final (96 played minutes) takes three minutes. */
export const DEFAULT_SPEED = 32;

export interface ReplayOptions {
  baseUrl: string;
  adminToken: string;
  keyId: string;
  secret: string;
  match: WorldCupMatch;
  /** Match seconds per real second (default 32). */
  speed?: number;
  /** Cut the source off the network at a match minute, for `seconds` of real time; its WAL replays after. */
  cut?: CutOptions;
  /** Where the source client keeps its WAL, one file per match (default the OS temp dir). */
  walDir?: string;
  seed?: string | number;
  /** Share of a typical match's corners, fouls, offsides and saves to generate (default 1; see timeline). */
  incidents?: number;
  /** Backoff of the source client; the default retries quickly so a cut heals within a couple of seconds. */
  retry?: RetryOptions;
  onProgress?: (progress: ReplayProgress) => void;
}

export interface ReplayProgress {
  matchId: string;
  clock: Clock;
  /** Played seconds so far and in all, for a progress bar. */
  played: number;
  duration: number;
  score: Score;
  penalties: Score | null;
  sent: number;
  acked: number;
  total: number;
  offline: boolean;
  /** What the source's WAL holds unacknowledged, and since when (an outage shows here first). */
  wal: WalDepth;
}

export interface ReplayResult {
  matchId: string;
  score: Score;
  penalties: Score | null;
  /** What the gateway answered for each event, in the order sent, and how many POSTs it took (a resend after a
   * lost answer or a timeout is answered `duplicate`, as the contract says). */
  results: { item: TimelineItem; result: IngestResult; attempts: number }[];
}

const TICK_MS = 250;

/** Replays one match against a running gateway in (scaled) real time; resolves once every event is acked. */
export async function replayMatch(options: ReplayOptions): Promise<ReplayResult> {
  const { match, baseUrl } = options;
  const speed = options.speed ?? DEFAULT_SPEED;
  await putFixture(baseUrl, options.adminToken, match.matchId, buildFixture(match));

  const startedAt = Date.now();
  const timeline = buildTimeline(match, {
    seed: options.seed,
    startedAt,
    speed,
    incidents: options.incidents,
  });
  const wallAt = (played: number) => startedAt + (played * 1000) / speed;
  const cut = new NetworkCut(
    options.cut ? { ...options.cut, startsAt: wallAt(options.cut.atMatchMinute * 60) } : null,
  );
  // A replay is a new broadcast: a WAL left by an earlier run of the same match is not resent.
  const walPath = join(options.walDir ?? join(tmpdir(), "buzz-replay"), `${match.matchId}.wal.jsonl`);
  rmSync(walPath, { force: true });
  // The client settles its head entry before trying the next, so every retry belongs to the oldest unsettled item.
  let retriesOfHead = 0;
  const client = createSourceClient({
    baseUrl,
    keyId: options.keyId,
    secret: options.secret,
    walPath,
    fetch: cut.fetch,
    onRetry: () => retriesOfHead++,
    retry: options.retry ?? { baseMs: 50, maxMs: 1000 },
  });

  const score: Score = { home: 0, away: 0 };
  let penalties: Score | null = null;
  let sent = 0;
  let acked = 0;
  const progress = () => {
    const played = Math.min(timeline.durationSec, ((Date.now() - startedAt) * speed) / 1000);
    options.onProgress?.({
      matchId: match.matchId,
      clock: clockAt(timeline.periods, played),
      played,
      duration: timeline.durationSec,
      score: { ...score },
      penalties: penalties && { ...penalties },
      sent,
      acked,
      total: timeline.items.length,
      offline: cut.active,
      wal: client.depth(),
    });
  };
  const ticker = options.onProgress ? setInterval(progress, TICK_MS) : null;

  const deliveries: Promise<ReplayResult["results"][number]>[] = [];
  try {
    for (const item of timeline.items) {
      const wait = wallAt(item.at) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const e = item.event;
      if (e.event_type === "GOAL_LINE_SIGNAL") score[e.data.team.side === "HOME" ? "home" : "away"]++;
      if (e.event_type === "PENALTY_SHOOTOUT_KICK") {
        penalties ??= { home: 0, away: 0 };
        if (e.data.scored) penalties[e.data.team.side === "HOME" ? "home" : "away"]++;
      }
      sent++;
      deliveries.push(
        client.send(match.matchId, e).then(([result]) => {
          acked++;
          progress();
          const attempts = 1 + retriesOfHead;
          retriesOfHead = 0;
          return { item, result: result!, attempts };
        }),
      );
      progress();
    }
    const settled = await Promise.allSettled(deliveries);
    const failed = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as Error] : []));
    if (failed.length)
      throw new AggregateError(
        failed,
        `${match.matchId}: ${failed.length} event(s) rejected: ${failed[0]!.message}`,
      );
    return {
      matchId: match.matchId,
      score,
      penalties,
      results: settled.map((s) => (s as PromiseFulfilledResult<ReplayResult["results"][number]>).value),
    };
  } finally {
    if (ticker) clearInterval(ticker);
    progress();
    await client.close();
  }
}
