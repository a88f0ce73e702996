import { AdminTokenForm, TokenRejected, useAdmin } from "../admin/index.js";
import { href } from "../app/route.js";
import { useMatchLog } from "../match/useMatchLog.js";
import { ConnectionBadge } from "../ui/connection.js";
import { ErrorNotice, NotLanded, PIPELINE_NOT_LANDED } from "../ui/notice.js";
import { useShownAt } from "./receipts.js";
import { StatsTable } from "./stats-table.js";
import { HOPS, rowOf } from "./timings.js";
import { usePipelineTimings } from "./usePipelineTimings.js";
import { Waterfall } from "./waterfall.js";

const SHOWN_ROWS = 40;

/**
 * Where each event's time went: occurred → received → sequenced from the event itself, enriched → routed →
 * dispatched from the pipeline (admin), and when it reached this page over the live feed.
 */
export function LatencyPage({ matchId }: { matchId: string }) {
  const { state, status, events } = useMatchLog(matchId);
  const shownAt = useShownAt(matchId);
  const { token } = useAdmin();
  const pipeline = usePipelineTimings(matchId, token);

  const timings = pipeline?.kind === "ok" ? pipeline.data : undefined;
  const pipelineNote =
    pipeline?.kind === "ok"
      ? null
      : pipeline?.kind === "not-landed"
        ? PIPELINE_NOT_LANDED
        : !token
          ? "needs the admin token"
          : pipeline === undefined
            ? "loading…"
            : "unavailable";
  const rows = events.map((e) => rowOf(e, timings?.get(e.event_id), shownAt.get(e.event_id)));
  const recent = rows.slice(-SHOWN_ROWS).reverse();

  return (
    <section aria-labelledby="latency-title">
      <nav className="crumbs" aria-label="Match">
        <a href={href.match(matchId)}>← Match centre</a>
      </nav>
      <div className="page-head">
        <h2 id="latency-title">Latency waterfall{state ? `: ${state.home.name}–${state.away.name}` : ""}</h2>
        <ConnectionBadge status={status} />
      </div>
      <p className="muted">
        Budgets are the reference design's (gateway 50 ms, enrichment 50 ms, routing 30 ms, dispatch 100 ms).
        "Shown" is this browser's clock against the server's: a skew between them shows up there.
      </p>
      {pipeline?.kind === "not-landed" && (
        <NotLanded detail="Enriched, routed and dispatched times come from the queue pipeline." />
      )}
      {pipeline?.kind === "error" && <ErrorNotice>Pipeline timings: {pipeline.message}</ErrorNotice>}
      {pipeline?.kind === "unauthorized" && (
        <TokenRejected what="The pipeline's timings" message={pipeline.message} />
      )}
      {!token && <AdminTokenForm what="The pipeline's timings (enriched, routed, dispatched)" />}
      <StatsTable rows={rows} pipelineNote={pipelineNote} />
      <h3>Events</h3>
      <ul className="legend hop-legend" aria-label="Stage colours">
        {HOPS.map((hop) => (
          <li key={hop}>
            <span className={`swatch hop-${hop}`} aria-hidden="true" /> {hop}
          </li>
        ))}
        <li>
          <span className="swatch seg-over" aria-hidden="true" /> over budget
        </li>
      </ul>
      {recent.length === 0 ? (
        <p className="muted">No events yet for {matchId}.</p>
      ) : (
        <>
          {rows.length > SHOWN_ROWS && (
            <p className="muted">
              The {SHOWN_ROWS} most recent of {rows.length} events; the table above covers all.
            </p>
          )}
          <Waterfall rows={recent} pipelineNote={pipelineNote} />
        </>
      )}
    </section>
  );
}
