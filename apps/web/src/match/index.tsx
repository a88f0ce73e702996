import { href } from "../app/route.js";
import { useShownAt } from "../latency/receipts.js";
import { ErrorNotice } from "../ui/notice.js";
import { attemptsOf } from "./attempts.js";
import { Lineups } from "./lineups.js";
import { MomentumChart } from "./momentum.js";
import { Scoreboard } from "./scoreboard.js";
import { ShotMap } from "./shot-map.js";
import { Timeline } from "./timeline.js";
import { useMatchLog } from "./useMatchLog.js";

/** One match, live: scoreboard, timeline, shot map, momentum and lineups. */
export function MatchCentre({ matchId }: { matchId: string }) {
  const { state, status, events, historyError, liveError } = useMatchLog(matchId);
  // The waterfall's "shown in this browser" is recorded while the match is on screen here too.
  useShownAt(matchId);
  const attempts = state ? attemptsOf(events, state) : [];

  return (
    <div className="match-centre">
      <nav className="crumbs" aria-label="Match">
        <a href={href.matches()}>← All matches</a>
        <a href={href.latency(matchId)}>Latency waterfall</a>
        <a href={href.preview(matchId)}>Notification preview</a>
      </nav>
      {historyError && <ErrorNotice>Could not read the match's earlier events ({historyError}); retrying.</ErrorNotice>}
      {!state ? (
        liveError ? <ErrorNotice>Cannot follow {matchId}: {liveError}</ErrorNotice> : <p className="muted">Connecting to {matchId}…</p>
      ) : (
        <>
          <Scoreboard state={state} status={status} />
          <div className="centre-grid">
            <Timeline events={events} state={state} />
            <div className="stack">
              <ShotMap attempts={attempts} state={state} />
              <MomentumChart attempts={attempts} state={state} />
              <Lineups state={state} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
