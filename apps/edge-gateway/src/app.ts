import { Hono } from "hono";
import { cors } from "hono/cors";
import { analytics } from "./analytics/index.js";
import { devices } from "./devices/index.js";
import { onError, onNotFound } from "./errors/index.js";
import { health } from "./health/index.js";
import { ingest } from "./ingest/index.js";
import { live } from "./live/index.js";
import { matches } from "./matches/index.js";
import { ops } from "./ops/index.js";
import { opsHealthRoutes } from "./ops-health/index.js";
import { push } from "./push/index.js";
import type { AppEnv } from "./request/app-env.js";
import { simulations } from "./simulations/index.js";
import { webhooks } from "./webhooks/index.js";

export const app = new Hono<AppEnv>();

// Fan apps in browsers read the API and open the live feeds from other origins; nothing here uses cookies.
app.use("/v1/*", cors({ origin: "*", maxAge: 600 }));

app.route("/v1", health);
app.route("/v1", matches);
app.route("/v1", analytics);
app.route("/v1", ingest);
app.route("/v1", live);
app.route("/v1", ops);
app.route("/v1", opsHealthRoutes);
app.route("/v1", simulations);
app.route("/v1", devices);
app.route("/v1", push);
app.route("/v1", webhooks);

app.notFound(onNotFound);
app.onError(onError);
