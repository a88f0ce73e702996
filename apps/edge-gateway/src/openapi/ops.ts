import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { DEAD_LETTER_STATES, type QueueName, SOURCE_QUEUES } from "@buzz/schema/contract";
import * as z from "zod";
import { StartSchema } from "../simulations/request.js";
import { webhookInputSchema } from "../webhooks/input.js";
import {
  IngestBodySchema,
  IngestResponseSchema,
  json,
  matchParams,
  operation,
  uuidParams,
} from "./operation.js";

const webhookParams = uuidParams;

/** The operations routes under /v1/ops (admin token). */
export const OPS_ROUTES: RouteConfig[] = [
  operation("admin", {
    method: "get",
    path: "/v1/ops/health",
    summary: "Queues, dead letters, outcomes, stage latencies",
    ok: { 200: "OpsHealth" },
  }),
  operation("admin", {
    method: "get",
    path: "/v1/ops/alerts",
    summary: "Alerts, firing and resolved",
    ok: { 200: "`{alerts: [...]}`" },
  }),
  operation("admin", {
    method: "get",
    path: "/v1/ops/matches/{id}/latency",
    summary: "Each event's instants, stage by stage",
    request: { params: matchParams },
    ok: { 200: "the waterfall" },
  }),
  operation("admin", {
    method: "post",
    path: "/v1/ops/matches/{id}/replay",
    summary: "Run a match's log through the pipeline again",
    request: { params: matchParams },
    ok: { 202: "`{events}`: the events handed to the pipeline again" },
  }),
  operation("admin", {
    method: "post",
    path: "/v1/ops/matches/{id}/events",
    summary: "Events from the operations page (a referee's decision), unsigned",
    request: { params: matchParams, body: json(IngestBodySchema) },
    ok: { 202: IngestResponseSchema, 409: "contradicts the match so far" },
  }),
  operation("admin", {
    method: "get",
    path: "/v1/ops/dead-letters",
    summary: "Dead letters",
    request: {
      query: z.object({
        queue: z
          .enum(SOURCE_QUEUES as [QueueName, ...QueueName[]])
          .optional()
          .describe("a source queue, or its -dlq"),
        state: z.enum(DEAD_LETTER_STATES).optional(),
        limit: z.coerce.number().int().min(1).optional(),
      }),
    },
    ok: { 200: "`{dead_letters: [...]}`" },
  }),
  operation("admin", {
    method: "post",
    path: "/v1/ops/dead-letters/{id}/redrive",
    summary: "Send a dead letter through its queue again",
    request: { params: uuidParams },
    ok: { 202: "redriven" },
  }),
  operation("admin", {
    method: "post",
    path: "/v1/ops/simulations",
    summary: "Replay a 2018 match at a chosen speed",
    request: { body: json(StartSchema) },
    ok: { 202: "started (Location)" },
  }),
  operation("admin", {
    method: "get",
    path: "/v1/ops/simulations",
    summary: "Simulations",
    ok: { 200: "`{simulations: [...]}`" },
  }),
  operation("admin", {
    method: "get",
    path: "/v1/ops/simulations/{id}",
    summary: "A simulation's progress",
    request: { params: uuidParams },
    ok: { 200: "progress" },
  }),
  operation("admin", {
    method: "delete",
    path: "/v1/ops/simulations/{id}",
    summary: "Cancel a simulation",
    request: { params: uuidParams },
    ok: { 204: "cancelled" },
  }),
  operation("admin", {
    method: "post",
    path: "/v1/ops/webhooks",
    summary: "Subscribe a URL to event types (Standard Webhooks)",
    request: { body: json(webhookInputSchema(false)) },
    ok: { 201: "the webhook with its secret, shown once" },
  }),
  operation("admin", {
    method: "get",
    path: "/v1/ops/webhooks",
    summary: "Webhooks",
    ok: { 200: "`{webhooks: [...]}`" },
  }),
  operation("admin", {
    method: "delete",
    path: "/v1/ops/webhooks/{id}",
    summary: "Delete a webhook",
    request: { params: webhookParams },
    ok: { 204: "deleted" },
  }),
  operation("admin", {
    method: "post",
    path: "/v1/ops/webhooks/{id}/rotate-secret",
    summary: "A new signing secret",
    request: { params: webhookParams },
    ok: { 200: "the new secret, shown once" },
  }),
];
