import { useMatch } from "@buzz/client-sdk/react";
import { useRef } from "react";
import { describeEvent, eventMinute, matchClock } from "../src/format/index.js";

/** One match, live: score, clock, connection status and every event once, oldest first. */
export function MatchView({ id }: { id: string }) {
  const { state, events, status, error } = useMatch(id);
  // Counted so a test can see React re-render on a score change, not just the DOM being patched by someone else.
  const renders = useRef(0);
  renders.current++;
  return (
    <section data-testid="match" data-renders={renders.current}>
      <p className={`status ${status}`} data-testid="status">
        {status}
      </p>
      {error && <p data-testid="error">{`${error.status} ${error.code}`}</p>}
      {state ? (
        <>
          <p className="score" data-testid="score">
            {state.home.name} {state.home.score}–{state.away.score} {state.away.name}
          </p>
          <p data-testid="clock">{matchClock(state)}</p>
        </>
      ) : (
        <p data-testid="score">Connecting…</p>
      )}
      <ol data-testid="events">
        {events.map((e) => (
          <li key={e.event_id} data-seq={e.sequence_number}>
            {eventMinute(e) ?? ""} {describeEvent(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
