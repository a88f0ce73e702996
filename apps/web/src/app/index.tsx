import { useEffect, useState } from "react";
import { MatchView } from "../match/index.js";
import { MatchList } from "../matches/index.js";

/** `#/matches/{id}` shows one match; anything else the list. Hash routes need nothing from the server. */
function matchIdOf(hash: string): string | undefined {
  const m = /^#\/matches\/([^/]+)$/.exec(hash);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return hash;
}

export function App() {
  const matchId = matchIdOf(useHash());
  return (
    <>
      <header>
        <h1>
          <a href="#/">Buzz — live matches</a>
        </h1>
      </header>
      <main>{matchId ? <MatchView key={matchId} matchId={matchId} /> : <MatchList />}</main>
      <aside aria-labelledby="pipeline-title">
        <h2 id="pipeline-title">Pipeline</h2>
        <p>
          Pipeline pages (latency waterfall, pipeline health, dead letters, push dispatch) are not built yet. This page
          shows only what the API serves today: the matches, their state and their live events.
        </p>
      </aside>
    </>
  );
}
