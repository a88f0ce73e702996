import type { OpsHealth } from "@buzz/schema/contract";
import { STAGE_BUDGET_MS } from "@buzz/schema/contract";
import { RequireAdmin, TokenRejected } from "../admin/index.js";
import { opsApi, opsCall } from "../api/ops.js";
import { usePolled } from "../api/query.js";
import { href } from "../app/route.js";
import { ErrorNotice, NotLanded } from "../ui/notice.js";
import { StageFigures, StageTableHead } from "../ui/stage-table.js";
import { Alerts } from "./alerts.js";

const REFRESH_MS = 2000;

/** `GET /v1/ops/health` (admin), refreshed every two seconds. */
export function HealthPage() {
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">Pipeline health</h2>
      <RequireAdmin what="Pipeline health">{(token) => <Health token={token} />}</RequireAdmin>
    </section>
  );
}

function Health({ token }: { token: string }) {
  const res = usePolled(["ops-health", token], () => opsCall(() => opsApi(token).health.$get()), REFRESH_MS);
  if (!res) return <p className="muted">Loading…</p>;
  if (res.kind === "not-landed")
    return (
      <NotLanded detail="Queue backlogs, dead letters, dispatch outcomes and stage latencies come from the queue pipeline." />
    );
  if (res.kind === "unauthorized") return <TokenRejected what="Pipeline health" message={res.message} />;
  if (res.kind === "error") return <ErrorNotice>Could not read /v1/ops/health: {res.message}</ErrorNotice>;
  const h = res.data;
  return (
    <div className="health" data-testid="health">
      <p className="muted">
        As of {new Date(h.generated_at).toLocaleTimeString()}, refreshed every {REFRESH_MS / 1000} s.
      </p>
      <Alerts token={token} />
      <div className="grid-2">
        <Queues queues={h.queues} />
        <Dispatch d={h.dispatch} />
        <Sockets sockets={h.sockets} listSockets={h.list_sockets} />
        <Latency latency={h.latency} />
      </div>
    </div>
  );
}

function Queues({ queues }: { queues: OpsHealth["queues"] }) {
  const top = Math.max(1, ...queues.map((q) => q.backlog ?? 0));
  return (
    <section className="card" aria-labelledby="queues-title">
      <h3 id="queues-title">Queues</h3>
      <ul className="bars">
        {queues.map((q) => (
          <li key={q.name}>
            <span className="bar-label">{q.name}</span>
            <span className="bar-track">
              <span className="bar" style={{ width: `${((q.backlog ?? 0) / top) * 100}%` }} />
            </span>
            <span className="bar-value">
              {q.backlog === null ? "backlog unknown" : `${q.backlog} waiting`}
            </span>
            <span className={q.dead_letters > 0 ? "tag tag-bad" : "tag"}>{q.dead_letters} dead letters</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Dispatch({ d }: { d: OpsHealth["dispatch"] }) {
  const parts = [
    ["delivered", d.delivered],
    ["pruned", d.pruned],
    ["dead", d.dead],
  ] as const;
  const total = Math.max(1, d.delivered + d.pruned + d.dead);
  return (
    <section className="card" aria-labelledby="dispatch-title">
      <h3 id="dispatch-title">Push dispatch</h3>
      <div className="stacked" role="img" aria-label={parts.map(([k, v]) => `${v} ${k}`).join(", ")}>
        {parts.map(([k, v]) => (
          <span key={k} className={`part part-${k}`} style={{ width: `${(v / total) * 100}%` }} />
        ))}
      </div>
      <dl className="figures">
        <div>
          <dt>attempted</dt>
          <dd>{d.attempted}</dd>
        </div>
        {parts.map(([k, v]) => (
          <div key={k}>
            <dt>
              <span className={`swatch part-${k}`} aria-hidden="true" /> {k}
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>retries</dt>
          <dd>{d.retried}</dd>
        </div>
      </dl>
    </section>
  );
}

function Latency({ latency }: { latency: OpsHealth["latency"] }) {
  return (
    // Five columns, with "over budget" beside a figure, do not fit a third of 1280 px: it takes the whole row.
    <section className="card span-all" aria-labelledby="stage-title">
      <h3 id="stage-title">Stage latency (all matches)</h3>
      <div className="table-wrap">
        <table className="stats">
          <StageTableHead />
          <tbody>
            {Object.entries(latency).map(([stage, p]) => (
              <tr key={stage}>
                <th scope="row">{stage}</th>
                <StageFigures
                  budget={STAGE_BUDGET_MS[stage as keyof typeof STAGE_BUDGET_MS]}
                  n={p.n}
                  p50={p.p50_ms}
                  p99={p.p99_ms}
                />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Sockets({ sockets, listSockets }: { sockets: OpsHealth["sockets"]; listSockets: number }) {
  return (
    <section className="card" aria-labelledby="sockets-title">
      <h3 id="sockets-title">Connected clients per match</h3>
      <p>Live match list: {listSockets} WebSocket</p>
      {sockets.length === 0 ? (
        <p className="muted">Nobody is watching a match right now.</p>
      ) : (
        <ul className="plain">
          {sockets.map((s) => (
            <li key={s.match_id}>
              <a href={href.match(s.match_id)}>{s.match_id}</a>: {s.websockets} WebSocket, {s.sse} SSE
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
