// Every public and admin endpoint of the contract, each with a valid request to start from: the property test
// (endpoints.test.ts) sends it as is or mutated, with hostile paths, queries, headers and bodies.
import { goal, periodStarted, shot } from "../match.js";

/** How an endpoint authenticates: the property picks a valid credential, a wrong one, or none. */
export type Auth = "none" | "device" | "fresh-device" | "admin" | "source";

export interface World {
  /** A match the suite created, with its first half started. */
  matchId: string;
  /** A registered device (its token), used by the device endpoints. */
  deviceToken: string;
}

export interface Endpoint {
  method: string;
  /** Path template: `{match}`, `{id}` are filled with a valid value or a hostile one. */
  path: string;
  /** Valid values of the path's parameters. */
  params?: Record<string, (w: World) => string>;
  /** Query keys the endpoint reads. */
  query?: string[];
  auth: Auth;
  /** A body the endpoint accepts; without it the request mostly has none. */
  body?: (w: World) => unknown;
  /** The response is a stream that stays open when accepted: read the status, then hang up. */
  stream?: boolean;
}

const match = (w: World) => w.matchId;
// Fixed values, so a failing seed replays the same requests.
const unknownUuid = () => "0f0e0d0c-0b0a-4909-8807-060504030201";

/** A browser's PushSubscription: a real P-256 point and 16 random bytes, on the given push service. */
export async function pushSubscription(service: string) {
  const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
  const p256dh = Buffer.from(await crypto.subtle.exportKey("raw", pair.publicKey)).toString("base64url");
  const auth = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
  return { endpoint: `${service}/fuzz/${crypto.randomUUID()}`, expirationTime: null, keys: { p256dh, auth } };
}

const roster = (team: string) =>
  [1, 2, 3].map((n) => ({ player_id: `${team}-p${n}`, name: `${team} Player ${n}`, jersey_number: n }));

/**
 * The suite's fixture, with teams, players and competition of its own: no other suite's fans follow them, so
 * what the suite sends never pushes to anyone else, and its fans' dead endpoints never see another suite's goals.
 */
export const fuzzFixture = () => ({
  competition: { id: "e2e-fuzz-cup", name: "Fuzz Cup" },
  kickoff_at: "2018-07-15T15:00:00Z",
  venue: "Fuzz Park",
  home: { team_id: "FZH", name: "Fuzz Home", players: roster("FZH") },
  away: { team_id: "FZA", name: "Fuzz Away", players: roster("FZA") },
});

/** Where the suite's simulations write: left out of the state compared, since a started one runs on its own. */
export const FUZZ_SIMULATION_MATCH = "e2e-fuzzsim";

export function endpointsOf(subscription: () => unknown): Endpoint[] {
  return [
    { method: "GET", path: "/v1/health", auth: "none" },
    { method: "GET", path: "/v1/openapi.json", auth: "none" },
    { method: "GET", path: "/v1/push/vapid-public-key", auth: "none" },
    { method: "GET", path: "/v1/matches", query: ["status", "competition"], auth: "none" },
    { method: "GET", path: "/v1/matches/{match}", params: { match }, auth: "none" },
    {
      method: "GET",
      path: "/v1/matches/{match}/events",
      params: { match },
      query: ["after", "limit"],
      auth: "none",
    },
    { method: "GET", path: "/v1/matches/{match}/analytics", params: { match }, auth: "none" },
    {
      method: "GET",
      path: "/v1/matches/{match}/stream",
      params: { match },
      query: ["after"],
      auth: "none",
      stream: true,
    },
    { method: "GET", path: "/v1/matches/{match}/live", params: { match }, query: ["after"], auth: "none" },
    { method: "GET", path: "/v1/live/matches", query: ["matches"], auth: "none" },
    { method: "GET", path: "/v1/live", query: ["matches"], auth: "none" },
    { method: "PUT", path: "/v1/matches/{match}", params: { match }, auth: "admin", body: fuzzFixture },
    {
      method: "POST",
      path: "/v1/matches/{match}/events",
      params: { match },
      auth: "source",
      body: () => shot("HOME", "FZH-p2", 10),
    },
    {
      method: "POST",
      path: "/v1/ops/matches/{match}/events",
      params: { match },
      auth: "admin",
      body: () => ({ events: [goal("AWAY", "FZA-p3", 10)] }),
    },
    { method: "POST", path: "/v1/devices", auth: "none", body: () => ({ locale: "fr-CA" }) },
    { method: "DELETE", path: "/v1/devices/me", auth: "fresh-device" },
    { method: "PUT", path: "/v1/devices/me/push-subscription", auth: "device", body: subscription },
    { method: "GET", path: "/v1/devices/me/push-subscription", auth: "device" },
    {
      method: "PUT",
      path: "/v1/devices/me/native-push-token",
      auth: "device",
      body: () => ({ provider: "apns", token: "ab".repeat(32), environment: "sandbox" }),
    },
    { method: "GET", path: "/v1/devices/me/native-push-token", auth: "device" },
    { method: "DELETE", path: "/v1/devices/me/native-push-token", auth: "device" },
    {
      method: "PUT",
      path: "/v1/devices/me/follows",
      auth: "device",
      body: () => ({ teams: ["FZH"], competitions: ["e2e-fuzz-cup"], players: [], matches: [] }),
    },
    { method: "GET", path: "/v1/devices/me/follows", auth: "device" },
    {
      method: "PUT",
      path: "/v1/devices/me/preferences",
      auth: "device",
      body: () => ({
        categories: {
          goals: true,
          var: true,
          cards: false,
          substitutions: true,
          match_status: true,
          shootout: true,
        },
        quiet_hours: { from: "23:00", to: "07:00", time_zone: "Europe/Paris" },
      }),
    },
    { method: "GET", path: "/v1/devices/me/preferences", auth: "device" },
    { method: "GET", path: "/v1/ops/health", auth: "admin" },
    { method: "GET", path: "/v1/ops/alerts", auth: "admin" },
    { method: "GET", path: "/v1/ops/matches/{match}/latency", params: { match }, auth: "admin" },
    { method: "POST", path: "/v1/ops/matches/{match}/replay", params: { match }, auth: "admin" },
    { method: "GET", path: "/v1/ops/dead-letters", query: ["queue", "state", "limit"], auth: "admin" },
    { method: "POST", path: "/v1/ops/dead-letters/{id}/redrive", params: { id: unknownUuid }, auth: "admin" },
    {
      method: "POST",
      path: "/v1/ops/simulations",
      auth: "admin",
      // Speed 1 and cancelled at once by the suite: one kickoff at most reaches the simulated match.
      body: () => ({ match: "final", speed: 1, match_id: FUZZ_SIMULATION_MATCH }),
    },
    { method: "GET", path: "/v1/ops/simulations", auth: "admin" },
    { method: "GET", path: "/v1/ops/simulations/{id}", params: { id: unknownUuid }, auth: "admin" },
    { method: "DELETE", path: "/v1/ops/simulations/{id}", params: { id: unknownUuid }, auth: "admin" },
    {
      method: "POST",
      path: "/v1/ops/webhooks",
      auth: "admin",
      body: () => ({ url: "http://127.0.0.1:9/fuzz-hook", event_types: ["GOAL_CANCELLED"] }),
    },
    { method: "GET", path: "/v1/ops/webhooks", auth: "admin" },
    { method: "DELETE", path: "/v1/ops/webhooks/{id}", params: { id: unknownUuid }, auth: "admin" },
    {
      method: "POST",
      path: "/v1/ops/webhooks/{id}/rotate-secret",
      params: { id: unknownUuid },
      auth: "admin",
    },
  ];
}

/** What the suite sets up before fuzzing: the match is live, so valid events are sequenced. */
export const FIRST_EVENT = periodStarted();
