/**
 * `@buzz/client-sdk` — live matches for fan apps (browsers, React Native, Node ≥ 20 with an injected WebSocket).
 * Every event once and in order, across reconnects and app restarts. No DOM dependency.
 * Its classes keep their state in `#private` fields, not TypeScript's `private`: minifiers shorten the former only,
 * and the core's size is budgeted (`npx tsx bench/src/sdk-size.ts`).
 */

export type {
  AnalyticsEvent,
  MatchAnalytics,
  MatchState,
  MatchSummary,
  PublishedEvent,
} from "@buzz/schema/contract";
export {
  type AnalyticsOptions,
  type AnalyticsServer,
  type AnalyticsSnapshot,
  type AnalyticsSource,
  type AnalyticsStatus,
  MatchAnalyticsFeed,
  matchAnalytics,
} from "./analytics/index.js";
export { BuzzFatalError, BuzzHttpError } from "./client/http.js";
export { type BuzzClient, createClient, type MatchesHandle, type MatchHandle } from "./client/index.js";
export type { Status } from "./connection/index.js";
export { type AppStateLike, appStateLifecycle, browserLifecycle, type Lifecycle } from "./lifecycle/index.js";
export {
  allLifecycles,
  type NetInfoLike,
  netInfoLifecycle,
  reactNativeLifecycle,
} from "./lifecycle/native.js";
export type { MatchEvents, MatchSnapshot } from "./match/index.js";
export type { MatchesEvents, MatchesSnapshot } from "./matches/index.js";
export {
  followMatches,
  MAX_MULTI_MATCHES,
  type MultiMatchEvents,
  type MultiMatchHandle,
} from "./multiplex/index.js";
export type { ClientOptions, WebSocketConstructor } from "./options/index.js";
export { type KeyValueStorage, memoryStorage } from "./storage/index.js";
