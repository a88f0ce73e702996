import { HealthPage } from "../health/index.js";
import { LatencyPage } from "../latency/index.js";
import { MatchCentre } from "../match/index.js";
import { MatchesPage } from "../matches/index.js";
import { OpsPage } from "../ops/index.js";
import { PreviewPage } from "../preview/index.js";
import { href, type Route, useRoute } from "./route.js";

const NAV: { label: string; to: string; pages: Route["page"][] }[] = [
  { label: "Matches", to: href.matches(), pages: ["matches", "match", "latency"] },
  { label: "Pipeline health", to: href.health(), pages: ["health"] },
  { label: "Operations", to: href.ops(), pages: ["ops"] },
  { label: "Notification preview", to: href.preview(), pages: ["preview"] },
];

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "matches":
      return <MatchesPage />;
    case "match":
      return <MatchCentre key={route.matchId} matchId={route.matchId} />;
    case "latency":
      return <LatencyPage key={route.matchId} matchId={route.matchId} />;
    case "health":
      return <HealthPage />;
    case "ops":
      return <OpsPage />;
    case "preview":
      return <PreviewPage matchId={route.matchId} />;
  }
}

/**
 * The routes live in the hash, so a link to `#main` would read as a route (and land on Matches): the skip
 * control is a button that moves focus to the content itself and leaves the address alone.
 */
function skipToMain() {
  // Focusing scrolls it into view too.
  document.getElementById("main")?.focus();
}

export function App() {
  const route = useRoute();
  return (
    <>
      <button type="button" className="skip" onClick={skipToMain}>
        Skip to content
      </button>
      <header className="top">
        <a className="brand" href={href.matches()}>
          <span aria-hidden="true" className="brand-mark">
            ⚡
          </span>{" "}
          Buzz
        </a>
        <nav aria-label="Dashboard">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <a href={n.to} aria-current={n.pages.includes(route.page) ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}
