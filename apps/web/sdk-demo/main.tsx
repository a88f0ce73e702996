// A fan page on @buzz/client-sdk: one match (?match=<id>), live, with push when the page is closed. The SDK's
// browser tests drive it (test/src/browser), through the DOM and window.buzzDemo.
import { createClient } from "@buzz/client-sdk";
import { linkServiceWorker } from "@buzz/client-sdk/push";
import { BuzzProvider } from "@buzz/client-sdk/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MatchView } from "./match-view.js";
import { PushControls } from "./push-controls.js";
import { dropSockets, TrackedWebSocket } from "./test-hooks.js";

const matchId = new URLSearchParams(location.search).get("match");
const client = createClient({ baseUrl: location.origin, storage: localStorage, WebSocket: TrackedWebSocket });

// The worker is at the site root so that its scope covers every page; it shows pushes when no page is live.
const serviceWorker =
  "serviceWorker" in navigator
    ? navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready)
    : Promise.resolve(null);
const delivered: number[] = [];
window.buzzDemo = { matchId, client, delivered, dropSockets, serviceWorker };

if (matchId) {
  // Shares the socket of the React view's handle (same id): this one tells the worker while the page is live
  // on the match, so a push for an event the page already showed does not pop up as well.
  const handle = client.match(matchId);
  handle.on("event", (e) => delivered.push(e.sequence_number));
  linkServiceWorker().watch(handle);
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <h1>Buzz</h1>
    {matchId ? (
      <BuzzProvider client={client}>
        <MatchView id={matchId} />
        <PushControls matchId={matchId} />
      </BuzzProvider>
    ) : (
      <p>Open this page with ?match=&lt;match id&gt;, e.g. ?match=wc2018-64-fra-cro.</p>
    )}
  </StrictMode>,
);
