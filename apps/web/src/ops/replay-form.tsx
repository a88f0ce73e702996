import { WORLDCUP_2018 } from "@buzz/simulator/core";
import { type FormEvent, useId, useState } from "react";
import { startSimulation } from "../api/simulations.js";
import { href } from "../app/route.js";
import { type Outcome, OutcomeNotice } from "../ui/notice.js";

const MAX_SPEED = 2000;

/** Starts a server-side replay of any 2018 match (`POST /v1/ops/simulations`). */
export function ReplayForm({ token, onStarted }: { token: string; onStarted: () => void }) {
  const [match, setMatch] = useState("64");
  const [speed, setSpeed] = useState("60");
  const [matchId, setMatchId] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome & { matchId?: string }>();
  const ids = { match: useId(), speed: useId(), matchId: useId(), speedHelp: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const res = await startSimulation(token, {
      match,
      speed: Number(speed),
      ...(matchId.trim() ? { match_id: matchId.trim() } : {}),
    });
    setBusy(false);
    if (res.kind === "ok") {
      setOutcome({ ok: true, text: `Replay started into ${res.data.match_id}.`, matchId: res.data.match_id });
      onStarted();
    } else if (res.kind === "not-landed")
      setOutcome({ ok: false, text: "This server has no simulations route yet." });
    else setOutcome({ ok: false, text: `Could not start the replay: ${res.message}` });
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="replay-title">
      <h3 id="replay-title">Replay a 2018 match</h3>
      <label htmlFor={ids.match}>Match</label>
      <select id={ids.match} value={match} onChange={(e) => setMatch(e.target.value)}>
        {WORLDCUP_2018.map((m) => (
          <option key={m.index} value={String(m.index)}>
            {m.index} · {m.home.name} – {m.away.name} ({m.raw.group ?? m.raw.round})
          </option>
        ))}
      </select>
      <label htmlFor={ids.speed}>Speed</label>
      <input
        id={ids.speed}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_SPEED}
        step={1}
        required
        value={speed}
        aria-describedby={ids.speedHelp}
        onChange={(e) => setSpeed(e.target.value)}
      />
      <p id={ids.speedHelp} className="muted">
        Match seconds per real second, 1–{MAX_SPEED}: 60 plays a half in 45 s of real time.
      </p>
      <label htmlFor={ids.matchId}>Match id (optional)</label>
      <input
        id={ids.matchId}
        value={matchId}
        placeholder="wc2018-64-fra-cro"
        onChange={(e) => setMatchId(e.target.value)}
      />
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? "Starting…" : "Start replay"}
        </button>
      </div>
      <OutcomeNotice outcome={outcome}>
        {outcome?.matchId && <a href={href.match(outcome.matchId)}>Open the match centre</a>}
      </OutcomeNotice>
    </form>
  );
}
