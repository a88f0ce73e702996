import { useMatchAnalytics } from "@buzz/client-sdk/react";
import { href } from "../app/route.js";
import { useShownAt } from "../latency/receipts.js";
import { ErrorNotice } from "../ui/notice.js";
import { attemptsOf } from "./attempts.js";
import { Lineups } from "./lineups.js";
import { MomentumChart } from "./momentum.js";
import { Scoreboard } from "./scoreboard.js";
import { ShotMap } from "./shot-map.js";
import { MatchStats } from "./stats.js";
import { Timeline } from "./timeline.js";
import { useMatchLog } from "./useMatchLog.js";
import { withXg, xgProblem } from "./xg.js";

/** One match, live: scoreboard, timeline, shot map and momentum by expected goals, lineups. */
export function MatchCentre({ matchId }: { matchId: string }) {
  const { state, status, watching, events, historyError, liveError } = useMatchLog(matchId);
  // The waterfall's "shown in this browser" is recorded while the match is on screen here too.
  useShownAt(matchId);
  // Read again by the SDK after each new shot, goal or period, so the figures follow the match.
  const xg = useMatchAnalytics(matchId);
  const attempts = withXg(state ? attemptsOf(events, state) : [], xg.analytics);

  return (
    <div className="match-centre">
      <nav className="crumbs" aria-label="Match">
        <a href={href.matches()}>← All matches</a>
        <a href={href.latency(matchId)}>Latency waterfall</a>
        <a href={href.preview(matchId)}>Notification preview</a>
      </nav>
      {historyError && (
        <ErrorNotice>Could not read the match's earlier events ({historyError}); retrying.</ErrorNotice>
      )}
      {!state ? (
        liveError ? (
          <ErrorNotice>
            Cannot follow {matchId}: {liveError}
          </ErrorNotice>
        ) : (
          <p className="muted">Connecting to {matchId}…</p>
        )
      ) : (
        <>
          <Scoreboard state={state} status={status} watching={watching} />
          <div className="centre-grid">
            <Timeline events={events} state={state} />
            <div className="stack">
              {state.stats && <MatchStats state={state} />}
              <ShotMap attempts={attempts} state={state} note={xgProblem(xg)} />
              <MomentumChart attempts={attempts} state={state} analytics={xg.analytics} />
              <Lineups state={state} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
