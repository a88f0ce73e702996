import { useLiveMatches, useMatch } from "@buzz/client-sdk/react";
import type { GoalRecord, MatchState } from "@buzz/schema/contract";
import { useId, useState } from "react";
import { opsApi, opsCall, param } from "../api/ops.js";
import { minute } from "../format/index.js";
import { type Outcome, OutcomeNotice } from "../ui/notice.js";

/** The referee's GOAL_CANCELLED, sent by an operator: `POST /v1/ops/matches/{id}/events` (admin). */
export function varCancellation(goal: GoalRecord, now = new Date()) {
  return {
    event_type: "GOAL_CANCELLED",
    occurred_at: now.toISOString(),
    source: { system: "REFEREE" },
    data: { reason: "VAR" },
    metadata: { causation_id: goal.event_id },
  };
}

/** Pick a match, then cancel one of its goals by VAR; the score everywhere follows through the live feeds. */
export function VarPanel({ token }: { token: string }) {
  const { matches } = useLiveMatches();
  const [chosen, setChosen] = useState("");
  const selectId = useId();
  // Live matches first: that is where a VAR decision happens.
  const ordered = [...matches].sort((a, b) => Number(b.status === "LIVE") - Number(a.status === "LIVE"));
  const matchId = chosen || ordered[0]?.match_id || "";

  return (
    <section className="card form" aria-labelledby="var-title">
      <h3 id="var-title">Cancel a goal by VAR</h3>
      {ordered.length === 0 ? (
        <p className="muted">No matches yet.</p>
      ) : (
        <>
          <label htmlFor={selectId}>Match</label>
          <select id={selectId} value={matchId} onChange={(e) => setChosen(e.target.value)}>
            {ordered.map((m) => (
              <option key={m.match_id} value={m.match_id}>
                {m.home.name} {m.home.score}–{m.away.score} {m.away.name} ({m.status.toLowerCase()}) ·{" "}
                {m.match_id}
              </option>
            ))}
          </select>
          {matchId && <Goals key={matchId} matchId={matchId} token={token} />}
        </>
      )}
    </section>
  );
}

function Goals({ matchId, token }: { matchId: string; token: string }) {
  const { state } = useMatch(matchId);
  const [sending, setSending] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  if (!state) return <p className="muted">Loading the match…</p>;
  const standing = state.goals.filter((g) => !g.cancelled);

  const cancel = async (goal: GoalRecord) => {
    setSending(goal.event_id);
    // The route reads the raw body (it is the signed ingest's), so the client's type has no `json` for it.
    const body = JSON.stringify(varCancellation(goal));
    const res = await opsCall(() =>
      opsApi(token).matches[":id"].events.$post(param(matchId), { init: { body } }),
    );
    setSending(undefined);
    setOutcome(
      res.kind === "ok"
        ? {
            ok: true,
            text: `Goal by ${scorer(goal, state)} cancelled (sequence ${res.data.results[0]?.sequence_number}).`,
          }
        : {
            ok: false,
            text: `Not cancelled: ${res.kind === "not-landed" ? "this server has no operations ingest route yet" : res.message}`,
          },
    );
  };

  return (
    <>
      {standing.length === 0 ? (
        <p className="muted">No goal stands in this match.</p>
      ) : (
        <ul className="plain goals-to-cancel">
          {standing.map((g) => (
            <li key={g.event_id}>
              <span>
                {minute(g.match_minute, g.stoppage_minute)} {scorer(g, state)}
              </span>
              <button
                type="button"
                className="danger"
                disabled={sending !== undefined}
                aria-label={`Cancel by VAR: ${scorer(g, state)} ${minute(g.match_minute, g.stoppage_minute)}`}
                onClick={() => void cancel(g)}
              >
                {sending === g.event_id ? "Cancelling…" : "Cancel by VAR"}
              </button>
            </li>
          ))}
        </ul>
      )}
      <OutcomeNotice outcome={outcome} />
    </>
  );
}

const scorer = (g: GoalRecord, state: MatchState) =>
  `${g.side === "HOME" ? state.home.name : state.away.name} (${g.scorer?.name ?? "scorer to be confirmed"})`;
