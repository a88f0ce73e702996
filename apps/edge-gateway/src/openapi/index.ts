import { Hono } from "hono";
import type { AppEnv } from "../request/app-env.js";
import { openApiDocument } from "./document.js";

/** `GET /v1/openapi.json`: the contract as OpenAPI 3.1, generated from the zod schemas the routes validate with. */
export const openapi = new Hono<AppEnv>().get("/openapi.json", (c) =>
  c.json(openApiDocument(), 200, { "Cache-Control": "public, max-age=300" }),
);
