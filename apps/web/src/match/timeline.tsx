import type { MatchState, PublishedEvent } from "@buzz/schema/contract";
import { useId, useState } from "react";
import { describeEvent, eventMinute } from "../format/index.js";

const KIND: Record<PublishedEvent["event_type"], string> = {
  PERIOD_STARTED: "period",
  PERIOD_ENDED: "period",
  GOAL_SCORED: "goal",
  GOAL_AMENDED: "amended",
  GOAL_CANCELLED: "var",
  CARD_SHOWN: "card",
  SUBSTITUTION: "sub",
  SHOT: "shot",
  PENALTY_SHOOTOUT_KICK: "kick",
  MATCH_ENDED: "period",
  VAR_REVIEW_STARTED: "var",
  VAR_REVIEW_ENDED: "var",
  CORNER_KICK: "stat",
  FOUL: "stat",
  OFFSIDE: "stat",
  SAVE: "stat",
};

/** Events behind the checkbox: many per match, counted in the stats panel anyway. */
const MINOR: ReadonlySet<PublishedEvent["event_type"]> = new Set([
  "SHOT",
  "CORNER_KICK",
  "FOUL",
  "OFFSIDE",
  "SAVE",
]);

/** How a goal in the log stands now, from the projection: the timeline keeps history, the tag says the outcome. */
function goalNote(e: PublishedEvent, state: MatchState): { tag: string; bad?: boolean } | null {
  if (e.event_type === "GOAL_SCORED") {
    const g = state.goals.find((x) => x.event_id === e.event_id);
    if (g?.cancelled) return { tag: `cancelled (${g.cancel_reason ?? "no reason"})`, bad: true };
    if (e.data.provisional)
      return g?.provisional === false ? { tag: "scorer confirmed below" } : { tag: "provisional" };
  }
  return null;
}

/** The match's log, newest first, each event once. */
export function Timeline({ events, state }: { events: PublishedEvent[]; state: MatchState }) {
  const [withShots, setWithShots] = useState(false);
  const shotsId = useId();
  const shots = events.filter((e) => e.event_type === "SHOT").length;
  const minor = events.filter((e) => MINOR.has(e.event_type)).length;
  const shown = (withShots ? events : events.filter((e) => !MINOR.has(e.event_type))).slice().reverse();

  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="page-head">
        <h3 id="timeline-title">Timeline</h3>
        {minor > 0 && (
          <label htmlFor={shotsId} className="check">
            <input
              id={shotsId}
              type="checkbox"
              checked={withShots}
              onChange={(e) => setWithShots(e.target.checked)}
            />{" "}
            show {shots} shots{minor > shots && `, ${minor - shots} corners, fouls, offsides, saves`}
          </label>
        )}
      </div>
      {shown.length === 0 ? (
        <p className="muted">Nothing has happened yet: events appear here the moment they are sequenced.</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {shown.map((e) => {
            const note = goalNote(e, state);
            const kind = KIND[e.event_type];
            return (
              <li
                key={e.event_id}
                className={`tl tl-${kind}${note?.bad && kind === "goal" ? " struck" : ""}`}
                data-seq={e.sequence_number}
              >
                <span className="tl-min">{eventMinute(e) ?? "pens"}</span>
                <span
                  className={`tl-icon icon-${kind}${e.event_type === "CARD_SHOWN" ? ` card-${e.data.card.toLowerCase()}` : ""}`}
                  aria-hidden="true"
                />
                <span className="tl-text">
                  {describeEvent(e)}
                  {note && <span className={`tag${note.bad ? " tag-bad" : ""}`}>{note.tag}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
