// Every route of the gateway, as the OpenAPI document lists it. A route added to the app and not here fails
// openapi/index.test.ts.
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { MATCH_STATUSES } from "@buzz/schema/contract";
import { FixtureInputSchema, IdSchema, PublishedEventSchema } from "@buzz/schema/validate";
import * as z from "zod";
import { EVENTS_PAGE_DEFAULT, EVENTS_PAGE_MAX } from "../matches/page-cache.js";
import { MAX_MATCHES } from "../multiplex/parse.js";
import { DEVICE_ROUTES } from "./devices.js";
import { IngestBodySchema, IngestResponseSchema, json, matchParams, operation } from "./operation.js";
import { OPS_ROUTES } from "./ops.js";

const after = (what: string) => z.object({ after: z.coerce.number().int().min(0).optional().describe(what) });
const upgrade = "101 Switching Protocols: the WebSocket (send `Upgrade: websocket`; 426 otherwise)";

export const ROUTES: RouteConfig[] = [
  operation("none", {
    method: "get",
    path: "/v1/health",
    summary: "Ready",
    ok: { 200: z.object({ ok: z.literal(true) }) },
  }),
  operation("none", {
    method: "get",
    path: "/v1/openapi.json",
    summary: "This document",
    ok: { 200: "OpenAPI 3.1" },
  }),
  operation("none", {
    method: "get",
    path: "/v1/matches",
    summary: "Fixtures with live scores",
    request: {
      query: z.object({ status: z.enum(MATCH_STATUSES).optional(), competition: IdSchema.optional() }),
    },
    ok: { 200: "`{matches: [...]}`" },
  }),
  operation("admin", {
    method: "put",
    path: "/v1/matches/{id}",
    summary: "Create or update a fixture, idempotently",
    request: { params: matchParams, body: json(FixtureInputSchema) },
    ok: {
      200: "updated: the projection",
      201: "created: the projection",
      409: "fixture_locked: the match has started",
    },
  }),
  operation("none", {
    method: "get",
    path: "/v1/matches/{id}",
    summary: "The match's projection",
    request: { params: matchParams },
    ok: { 200: "status, period, minute, last_sequence, teams with scores, goals, cards, watching" },
  }),
  operation("none", {
    method: "get",
    path: "/v1/matches/{id}/events",
    summary:
      "The log after a sequence number (a full page, `limit` events or up to `until`, never changes: cached a day at the edge)",
    request: {
      params: matchParams,
      query: after("sequence number to read after").extend({
        limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(EVENTS_PAGE_DEFAULT).optional(),
        until: z.coerce
          .number()
          .int()
          .min(0)
          .optional()
          .describe(
            "the last sequence number wanted (e.g. a live snapshot's last_sequence): a page that reaches it never changes and is cached like a full one",
          ),
      }),
    },
    ok: { 200: z.object({ events: z.array(PublishedEventSchema), next_after: z.number().int() }) },
  }),
  operation("none", {
    method: "get",
    path: "/v1/matches/{id}/analytics",
    summary:
      "What enrichment derived per shot and goal (up to `until`: once all enriched, cached a day at the edge)",
    request: {
      params: matchParams,
      query: z.object({
        until: z.coerce
          .number()
          .int()
          .min(0)
          .optional()
          .describe("the last sequence number to read (default: the match's last)"),
      }),
    },
    ok: { 200: "expected goals, win probability, pending events" },
  }),
  operation("source", {
    method: "post",
    path: "/v1/matches/{id}/events",
    summary: "Ingest one event or a batch, in order",
    request: { params: matchParams, body: json(IngestBodySchema) },
    ok: {
      202: IngestResponseSchema,
      409: "contradicts the match so far",
      413: "body or batch too large",
      429: "rate limited (Retry-After)",
    },
  }),
  operation("none", {
    method: "get",
    path: "/v1/matches/{id}/live",
    summary: "Live WebSocket: snapshot (without after), then every event in order",
    request: { params: matchParams, query: after("resume after this sequence number") },
    ok: { 101: upgrade },
  }),
  operation("none", {
    method: "get",
    path: "/v1/matches/{id}/stream",
    summary: "Live SSE: id is the sequence number, so Last-Event-ID resumes",
    request: { params: matchParams, query: after("resume after this sequence number") },
    ok: { 200: "text/event-stream" },
  }),
  operation("none", {
    method: "get",
    path: "/v1/live",
    summary:
      "Live WebSocket over many matches: per match a snapshot (empty AFTER) or every event after AFTER, then live; each message has match_id",
    request: {
      query: z.object({
        matches: z
          .string()
          .describe(`ID:AFTER,ID:AFTER,... (AFTER empty for a snapshot), at most ${MAX_MATCHES} matches`),
      }),
    },
    ok: {
      101: upgrade,
      404: "match_not_found: a listed match has no fixture",
      422: "too_many_matches or duplicate_match",
    },
  }),
  operation("none", {
    method: "get",
    path: "/v1/live/matches",
    summary: "WebSocket: the match list, then each match as it changes",
    ok: { 101: upgrade },
  }),
  operation("none", {
    method: "get",
    path: "/v1/push/vapid-public-key",
    summary: "The VAPID key for pushManager.subscribe",
    ok: { 200: z.object({ key: z.string() }) },
  }),
  ...DEVICE_ROUTES,
  ...OPS_ROUTES,
];
