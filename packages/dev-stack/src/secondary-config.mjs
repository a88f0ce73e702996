// `wrangler dev -c a -c b` applies --var to the first Worker only (wrangler 4.86 starts the others with
// just their config and their .dev.vars). So the second Worker runs from a generated copy of its config whose
// "vars" hold its own vars, then its .dev.vars, then the stack's vars: both Workers see the same DATABASE_URL,
// NEON_WS_PROXY and test keys.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readDotenv } from "./dev-vars.mjs";

/**
 * Writes `<dir>/wrangler.json` for the Worker of `configPath` with `vars` merged in; returns its path.
 * `consumers` ({queue: settings}) overrides settings of that Worker's queue consumers, e.g. a benchmark's
 * {"notifications": {"max_batch_timeout": 0}}; a queue it does not consume is an error. `lanes`: the Worker
 * binds and consumes that many notification lanes (withLanes).
 */
export function configWithVars(configPath, vars, dir, consumers = {}, lanes) {
  const configDir = dirname(resolve(configPath));
  const config = JSON.parse(stripJsonComments(readFileSync(configPath, "utf8")));
  delete config.$schema;
  // Paths in a config are relative to it; the copy lives elsewhere. (The pipeline's only path is `main`.)
  config.main = resolve(configDir, config.main);
  const devVars = existsSync(join(configDir, ".dev.vars")) ? readDotenv(join(configDir, ".dev.vars")) : {};
  config.vars = { ...config.vars, ...devVars, ...vars };
  for (const [queue, settings] of Object.entries(consumers)) {
    const consumer = config.queues?.consumers?.find((c) => c.queue === queue);
    if (!consumer) throw new Error(`${configPath} has no consumer of queue "${queue}"`);
    Object.assign(consumer, settings);
  }
  if (lanes !== undefined) withLanes(config, lanes);
  const out = join(dir, "wrangler.json");
  writeFileSync(out, JSON.stringify(config, null, 2));
  return out;
}

/** k for lane k ≥ 1 of notifications ("notifications-k", with or without an environment's prefix), else 0. */
export const laneNumber = (queue) => Number(/(?:^|-)notifications-([1-9][0-9]*)$/.exec(queue)?.[1] ?? 0);

/**
 * Sets the notification lanes (packages/queue lanes.ts) of a Worker's config to `lanes`: NOTIFICATIONS_k bound to
 * "notifications-k" and consumed as "notifications" is, for k = 1 … lanes - 1, none past them. For benchmarks and
 * the e2e stack (local dev binds one lane: on one workerd thread more lanes cost more than they bring, bench:drain).
 */
function withLanes(config, lanes) {
  const { producers = [], consumers = [] } = config.queues ?? {};
  const first = consumers.find((c) => c.queue === "notifications");
  if (!first) throw new Error("the config does not consume notifications: it has no lanes");
  const extra = Array.from({ length: lanes - 1 }, (_, i) => i + 1);
  config.queues.producers = [
    ...producers.filter((p) => laneNumber(p.queue) === 0),
    ...extra.map((k) => ({ binding: `NOTIFICATIONS_${k}`, queue: `notifications-${k}` })),
  ];
  config.queues.consumers = [
    ...consumers.filter((c) => laneNumber(c.queue) === 0),
    ...extra.map((k) => ({ ...first, queue: `notifications-${k}` })),
  ];
}

/** JSONC → JSON: drops line and block comments outside strings. */
export function stripJsonComments(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      out += text.slice(start, i + 1);
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2);
      if (i < 0) break;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}
