/**
 * `@buzz/client-sdk` — live matches for fan apps (browsers, React Native, Node ≥ 20 with an injected WebSocket).
 * Every event once and in order, across reconnects and app restarts. No DOM dependency.
 */
export { createClient, type BuzzClient, type MatchHandle, type MatchesHandle } from "./client/index.js";
export { BuzzHttpError } from "./client/http.js";
export {
  matchAnalytics, MatchAnalyticsFeed, type AnalyticsOptions, type AnalyticsServer, type AnalyticsSnapshot, type AnalyticsSource, type AnalyticsStatus,
} from "./analytics/index.js";
export type { ClientOptions, WebSocketConstructor } from "./options/index.js";
export type { Status } from "./connection/index.js";
export type { MatchEvents, MatchSnapshot } from "./match/index.js";
export type { MatchesEvents, MatchesSnapshot } from "./matches/index.js";
export { memoryStorage, type KeyValueStorage } from "./storage/index.js";
export { appStateLifecycle, browserLifecycle, type AppStateLike, type Lifecycle } from "./lifecycle/index.js";
export type { AnalyticsEvent, MatchAnalytics, MatchState, MatchSummary, PublishedEvent } from "@buzz/schema";
