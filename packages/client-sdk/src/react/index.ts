/**
 * `@buzz/client-sdk/react` — hooks over the core client. SSR-safe: nothing touches window, document or a socket at
 * import or render time; sockets open in useSyncExternalStore's subscribe, which only runs in the browser.
 */
import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useRef,
  useSyncExternalStore,
} from "react";
import { type AnalyticsOptions, type AnalyticsSnapshot, MatchAnalyticsFeed } from "../analytics/index.js";
import type { BuzzClient, MatchesSnapshot, MatchSnapshot } from "../index.js";

const BuzzContext = createContext<BuzzClient | null>(null);

export function BuzzProvider({ client, children }: { client: BuzzClient; children?: ReactNode }) {
  return createElement(BuzzContext.Provider, { value: client }, children);
}

export function useBuzzClient(): BuzzClient {
  const client = useContext(BuzzContext);
  if (!client)
    throw new Error("@buzz/client-sdk/react: wrap the app in <BuzzProvider client={createClient(...)}>");
  return client;
}

/** What the server renders, and the client until its socket has something: nothing yet. */
const NO_MATCH: MatchSnapshot = {
  state: null,
  events: [],
  status: "connecting",
  error: null,
  watching: null,
};
const NO_MATCHES: MatchesSnapshot = { matches: [], status: "connecting", error: null };
const NO_ANALYTICS: AnalyticsSnapshot = { status: "loading", analytics: null, error: null };

/** The part of a match or list handle the hooks use. */
interface Handle<S> {
  on(type: string, cb: () => void): () => void;
  getSnapshot(): S;
  close(): void;
}

const MATCH_CHANGES = ["state", "status", "presence"];
const LIST_CHANGES = ["matches", "status"];
const ANALYTICS_CHANGES = ["change"];

/**
 * Holds a handle while React is subscribed. `key` names the handle, so after an id change the old match is never
 * shown under the new id; `open` changes with the client or the id.
 */
function useHandle<S>(key: string, open: () => Handle<S>, changes: string[], empty: S): S {
  const held = useRef<{ key: string; handle: Handle<S> } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handle = open();
      held.current = { key, handle };
      const offs = changes.map((type) => handle.on(type, onChange));
      return () => {
        offs.forEach((off) => {
          off();
        });
        handle.close();
        if (held.current?.handle === handle) held.current = null;
      };
    },
    [key, open, changes],
  );
  const getSnapshot = () => (held.current?.key === key ? held.current.handle.getSnapshot() : empty);
  return useSyncExternalStore(subscribe, getSnapshot, () => empty);
}

/**
 * The live state of one match: `{ state, events, status, error }`, re-rendered on every event and status change.
 * `status` is `failed` and `error` a `BuzzFatalError` when the server refused the match for good (404, 401, 403).
 */
export function useMatch(matchId: string): MatchSnapshot {
  const client = useBuzzClient();
  const open = useCallback(() => client.match(matchId), [client, matchId]);
  return useHandle(matchId, open, MATCH_CHANGES, NO_MATCH);
}

/** The live list of matches: `{ matches, status, error }`. */
export function useLiveMatches(): MatchesSnapshot {
  const client = useBuzzClient();
  const open = useCallback(() => client.matches(), [client]);
  return useHandle("matches", open, LIST_CHANGES, NO_MATCHES);
}

/**
 * A match's analytics (`GET /v1/matches/{id}/analytics`): `{ status, analytics, error }`, read again after each new
 * shot, goal or period (debounced) and while the pipeline is still enriching. Shares the match's socket with useMatch.
 */
export function useMatchAnalytics(matchId: string, options?: AnalyticsOptions): AnalyticsSnapshot {
  const client = useBuzzClient();
  // Options by value: a literal object in the caller's render must not reopen the feed every render.
  const settings = JSON.stringify(options ?? {});
  const open = useCallback(
    () => new MatchAnalyticsFeed(client, matchId, JSON.parse(settings) as AnalyticsOptions),
    [client, matchId, settings],
  );
  return useHandle(`${matchId}|${settings}`, open, ANALYTICS_CHANGES, NO_ANALYTICS);
}

export { type PreferencesState, type PreferencesStatus, usePreferences } from "./preferences.js";
