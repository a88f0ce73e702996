import { DEAD_LETTER_STATES, type DeadLetterView, SOURCE_QUEUES } from "@buzz/schema/contract";
import { useEffect, useId, useState } from "react";
import type { OpsResult } from "../api/ops.js";
import { listDeadLetters, redriveDeadLetter } from "../api/pipeline.js";
import { ErrorNotice, NotLanded, type Outcome, OutcomeNotice } from "../ui/notice.js";

/** `GET /v1/ops/dead-letters`, filtered by queue and state, with a redrive per dead letter; reloaded after each action. */
export function DeadLetters({ token }: { token: string }) {
  const [queue, setQueue] = useState("");
  const [state, setState] = useState("");
  const [version, setVersion] = useState(0);
  const [res, setRes] = useState<OpsResult<DeadLetterView[]>>();
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  const ids = { queue: useId(), state: useId(), title: useId() };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger after a redrive.
  useEffect(() => {
    // A filter changed while a load was out: only the newest answer is shown.
    let current = true;
    void listDeadLetters(token, { queue, state }).then((next) => current && setRes(next));
    return () => {
      current = false;
    };
  }, [token, queue, state, version]);

  const redrive = async (letter: DeadLetterView) => {
    setBusy(letter.id);
    const out = await redriveDeadLetter(token, letter.id);
    setBusy(undefined);
    setOutcome(
      out.kind === "ok"
        ? { ok: true, text: `Dead letter ${letter.id} sent back to ${out.data.source_queue}.` }
        : {
            ok: false,
            text: `Could not redrive ${letter.id}: ${out.kind === "not-landed" ? "this server has no redrive route" : out.message}`,
          },
    );
    // Also after a refusal: a 409 means someone else redrove it, and the table should say so.
    setVersion((n) => n + 1);
  };

  return (
    <section className="card form span-all" aria-labelledby={ids.title}>
      <h3 id={ids.title}>Dead letters</h3>
      <div className="row">
        <label htmlFor={ids.queue}>Queue</label>
        <select id={ids.queue} value={queue} onChange={(e) => setQueue(e.target.value)}>
          <option value="">All queues</option>
          {SOURCE_QUEUES.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
        <label htmlFor={ids.state}>State</label>
        <select id={ids.state} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">Any state</option>
          {DEAD_LETTER_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={() => setVersion((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <OutcomeNotice outcome={outcome} />
      {!res ? (
        <p className="muted">Loading…</p>
      ) : res.kind === "not-landed" ? (
        <NotLanded detail="This server has no dead-letter route." />
      ) : res.kind !== "ok" ? (
        <ErrorNotice>Could not list dead letters: {res.message}</ErrorNotice>
      ) : res.data.length === 0 ? (
        <p className="muted">No dead letters.</p>
      ) : (
        <LetterTable letters={res.data} busy={busy} onRedrive={(l) => void redrive(l)} />
      )}
    </section>
  );
}

function LetterTable({
  letters,
  busy,
  onRedrive,
}: {
  letters: DeadLetterView[];
  busy?: string;
  onRedrive: (l: DeadLetterView) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="stats" data-testid="dead-letters">
        <caption>Newest first ({letters.length})</caption>
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col">Reason</th>
            <th scope="col">Attempts</th>
            <th scope="col">First seen</th>
            <th scope="col">State</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.source_queue}</th>
              <td data-label="reason" className="na">
                {l.reason ?? "—"}
              </td>
              <td data-label="attempts">{l.attempts ?? "—"}</td>
              <td data-label="first seen">
                <time dateTime={l.first_seen_at}>{new Date(l.first_seen_at).toLocaleString()}</time>
              </td>
              <td data-label="state">{l.state}</td>
              <td>
                {l.state === "dead" ? (
                  <button
                    type="button"
                    disabled={busy !== undefined}
                    aria-label={`Redrive ${l.id} to ${l.source_queue}`}
                    onClick={() => onRedrive(l)}
                  >
                    {busy === l.id ? "Redriving…" : "Redrive"}
                  </button>
                ) : (
                  <span className="muted">redriven</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
