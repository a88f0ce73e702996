import { opsApi, opsCall } from "../api/ops.js";
import { usePolled } from "../api/query.js";

const REFRESH_MS = 2000;

const LABELS: Record<string, { what: string; unit: (v: number) => string }> = {
  publish_delay_p99: { what: "Publication delay, p99", unit: (v) => `${Math.round(v)} ms` },
  push_failure_rate: { what: "Push failure rate", unit: (v) => `${(v * 100).toFixed(1)} %` },
  dead_letters_growing: { what: "New dead letters", unit: (v) => String(v) },
  backlog_age: { what: "Oldest waiting work", unit: (v) => `${v} s` },
  unarchived_events: { what: "Events not archived in time", unit: (v) => String(v) },
};

/** `GET /v1/ops/alerts` (admin): every rule that has fired, the firing ones first. */
export function Alerts({ token }: { token: string }) {
  const res = usePolled(["ops-alerts", token], () => opsCall(() => opsApi(token).alerts.$get()), REFRESH_MS);
  if (res?.kind !== "ok") return null;
  const alerts = [...res.data.alerts].sort((a, b) =>
    a.state === b.state ? a.rule.localeCompare(b.rule) : a.state === "firing" ? -1 : 1,
  );
  const firing = alerts.filter((a) => a.state === "firing").length;
  return (
    <section className="card alerts" aria-labelledby="alerts-title" data-testid="alerts">
      <h3 id="alerts-title">
        Alerts {firing > 0 ? <span className="badge badge-bad">{firing} firing</span> : null}
      </h3>
      {alerts.length === 0 ? (
        <p className="muted">No rule has fired.</p>
      ) : (
        <ul className="alert-list">
          {alerts.map((a) => {
            const label = LABELS[a.rule] ?? { what: a.rule, unit: String };
            return (
              <li key={a.rule} className={`alert alert-${a.state}`} data-rule={a.rule} data-state={a.state}>
                <strong>{label.what}</strong> — {a.state} since {new Date(a.since).toLocaleTimeString()}:{" "}
                {label.unit(a.value)} (threshold {label.unit(a.threshold)})
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
