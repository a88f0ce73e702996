import { Hono } from "hono";
import { cors } from "hono/cors";
import { alerts } from "./alerts/index.js";
import { analytics } from "./analytics/index.js";
import { devices } from "./devices/index.js";
import { onError, onNotFound } from "./errors/index.js";
import { health } from "./health/index.js";
import { ingest } from "./ingest/index.js";
import { live } from "./live/index.js";
import { matches } from "./matches/index.js";
import { multiplex } from "./multiplex/index.js";
import { openapi } from "./openapi/index.js";
import { ops } from "./ops/index.js";
import { push } from "./push/index.js";
import type { AppEnv } from "./request/app-env.js";
import { limitBody } from "./request/body.js";
import { simulations } from "./simulations/index.js";
import { webhooks } from "./webhooks/index.js";

// One chain, so the app's type carries every route: @buzz/api-types is generated from it for typed clients.
export const app = new Hono<AppEnv>()
  // Fan apps in browsers read the API and open the live feeds from other origins; nothing here uses cookies.
  .use("/v1/*", cors({ origin: "*", maxAge: 600 }))
  .use("/v1/*", limitBody())
  .route("/v1", health)
  .route("/v1", matches)
  .route("/v1", analytics)
  .route("/v1", ingest)
  .route("/v1", live)
  .route("/v1", multiplex)
  .route("/v1", ops)
  .route("/v1", alerts)
  .route("/v1", simulations)
  .route("/v1", devices)
  .route("/v1", push)
  .route("/v1", webhooks)
  .route("/v1", openapi);

app.notFound(onNotFound);
app.onError(onError);
