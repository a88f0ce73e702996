import { type FormEvent, useId, useState } from "react";
import { replayThroughPipeline } from "../api/pipeline.js";
import { type Outcome, OutcomeNotice } from "../ui/notice.js";

/** `POST /v1/ops/matches/{id}/replay`: requeues a match's whole log so the pipeline rebuilds what it derives. */
export function PipelineReplay({ token }: { token: string }) {
  const [matchId, setMatchId] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const ids = { title: useId(), input: useId(), help: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const id = matchId.trim();
    if (!id) return;
    setBusy(true);
    const res = await replayThroughPipeline(token, id);
    setBusy(false);
    setOutcome(
      res.kind === "ok"
        ? { ok: true, text: `${res.data.events} events of ${id} requeued through the pipeline.` }
        : {
            ok: false,
            text: `Not replayed: ${res.kind === "not-landed" ? "this server has no pipeline replay route" : res.message}`,
          },
    );
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={ids.title}>
      <h3 id={ids.title}>Replay through the pipeline</h3>
      <label htmlFor={ids.input}>Match id</label>
      <input
        id={ids.input}
        required
        value={matchId}
        placeholder="wc2018-64-fra-cro"
        aria-describedby={ids.help}
        onChange={(e) => setMatchId(e.target.value)}
      />
      <p id={ids.help} className="muted">
        Sends every event of the match's log through enrich, route and dispatch again, so what the pipeline
        derives is rebuilt. No device is notified twice: every stage skips an event id it has already handled,
        and a push is logged once per event and device.
      </p>
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? "Requeuing…" : "Replay through the pipeline"}
        </button>
      </div>
      <OutcomeNotice outcome={outcome} />
    </form>
  );
}
