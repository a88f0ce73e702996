// The two Workers' wrangler.jsonc, read as wrangler reads them, and the checks that keep their environments in
// step: wrangler does not inherit bindings or vars into an environment, so each one repeats them by hand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { laneNumber, stripJsonComments } from "@buzz/dev-stack";

export const WORKERS = /** @type {const} */ (["pipeline", "gateway"]);
export const APP_DIRS = { pipeline: "apps/worker-pipeline", gateway: "apps/edge-gateway" };

/** { pipeline, gateway }: each app's parsed wrangler.jsonc. */
export function readConfigs(root) {
  const read = (dir) =>
    JSON.parse(stripJsonComments(readFileSync(join(root, dir, "wrangler.jsonc"), "utf8")));
  return { pipeline: read(APP_DIRS.pipeline), gateway: read(APP_DIRS.gateway) };
}

/** Every queue a Worker's config names: producers, consumers and their dead-letter queues. */
export function queuesOf(config) {
  const q = config.queues ?? {};
  const names = [
    ...(q.producers ?? []).map((p) => p.queue),
    ...(q.consumers ?? []).flatMap((c) => [c.queue, c.dead_letter_queue]),
  ];
  return names.filter(Boolean);
}

/**
 * What deploying `env` involves: each Worker's name, required secrets and the queues (sorted, once each).
 * Throws when either config has no such environment.
 */
export function environmentOf(configs, env) {
  const workers = {};
  for (const w of WORKERS) {
    const block = configs[w].env?.[env];
    if (!block) {
      const known = Object.keys(configs[w].env ?? {}).join(", ") || "none";
      throw new Error(`${APP_DIRS[w]}/wrangler.jsonc has no environment "${env}" (it has: ${known})`);
    }
    workers[w] = { name: block.name, secrets: block.secrets?.required ?? [], config: block };
  }
  const queues = [...new Set(WORKERS.flatMap((w) => queuesOf(workers[w].config)))].sort();
  return { env, prefix: workers.pipeline.config.vars?.QUEUE_PREFIX ?? "", workers, queues };
}

/**
 * The one consumer setting a deployed environment may set apart from local dev: the batch size of `notifications`.
 * A message there is one invocation's push budget, so deployed consumers take one per batch and the platform spreads
 * them over invocations; local dev does not spread them, and takes batches (apps/worker-pipeline/wrangler.jsonc).
 */
const MAY_DIFFER = { notifications: ["max_batch_size"] };

/**
 * Queue names with `prefix` added; `envPrefix` is what the names already carry (to find each queue's MAY_DIFFER).
 * Notification lanes past the first are left out: each environment chooses how many (checked by laneProblems).
 */
const withPrefix = (prefix, queues = {}, envPrefix = "") => ({
  producers: (queues.producers ?? [])
    .filter((p) => laneNumber(p.queue) === 0)
    .map((p) => ({ ...p, queue: prefix + p.queue })),
  consumers: (queues.consumers ?? [])
    .filter((c) => laneNumber(c.queue) === 0)
    .map((c) => {
      const compared = { ...c };
      for (const key of MAY_DIFFER[c.queue.slice(envPrefix.length)] ?? []) delete compared[key];
      return {
        ...compared,
        queue: prefix + c.queue,
        ...(c.dead_letter_queue ? { dead_letter_queue: prefix + c.dead_letter_queue } : {}),
      };
    }),
});
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The notification lanes of one environment (packages/queue lanes.ts): the pipeline binds NOTIFICATIONS_k to
 * `${prefix}notifications-k` for k = 1, 2, … without a gap, consumes each lane as it consumes the first (dead
 * letters to the same queue), and the gateway binds the same lanes (it redrives to them and reads their backlog).
 */
export function laneProblems(pipeline, gateway, prefix, where) {
  const problems = [];
  const lanesOf = (queues) =>
    (queues?.producers ?? []).filter(
      (p) => p.binding.startsWith("NOTIFICATIONS_") && p.binding !== "NOTIFICATIONS_DLQ",
    );
  const lanes = lanesOf(pipeline.queues);
  lanes.forEach((p, i) => {
    if (p.binding !== `NOTIFICATIONS_${i + 1}` || p.queue !== `${prefix}notifications-${i + 1}`)
      problems.push(`${where}: lane ${i + 1} is bound as ${p.binding} → ${p.queue}`);
  });
  const consumers = pipeline.queues?.consumers ?? [];
  const first = consumers.find((c) => c.queue === `${prefix}notifications`);
  for (const p of lanes) {
    const consumer = consumers.find((c) => c.queue === p.queue);
    if (!same({ ...consumer, queue: first?.queue }, first))
      problems.push(`${where}: ${p.queue} is not consumed as ${prefix}notifications is`);
  }
  if (!same(lanesOf(gateway.queues), lanes))
    problems.push(`${where}: the gateway does not bind the pipeline's notification lanes`);
  return problems;
}

/**
 * The problems of environment `env` (empty when it is deployable): each Worker's environment must repeat the
 * top-level bindings and vars with the queue names prefixed by QUEUE_PREFIX, declare its secrets and keep
 * observability on; every queue the gateway produces to and every dead-letter queue must have a consumer; the
 * notification lanes must be whole (their number may differ from local dev's).
 */
export function checkEnvironment(configs, env) {
  const problems = [];
  let plan;
  try {
    plan = environmentOf(configs, env);
  } catch (err) {
    return [err.message];
  }
  const { prefix } = plan;
  if (!prefix) problems.push(`${env}: the pipeline's vars.QUEUE_PREFIX is empty (queue names would collide)`);
  for (const w of WORKERS) {
    const top = configs[w];
    const block = plan.workers[w].config;
    const where = `${APP_DIRS[w]} env.${env}`;
    if (!block.name) problems.push(`${where}: no "name"`);
    if (!same(withPrefix(prefix, top.queues), withPrefix("", block.queues, prefix)))
      problems.push(`${where}: queues differ from the top-level ones with the prefix "${prefix}"`);
    if (!same(top.durable_objects ?? null, block.durable_objects ?? null))
      problems.push(`${where}: durable_objects differ from the top-level ones`);
    if (
      !same(
        (top.ratelimits ?? []).map((r) => r.name),
        (block.ratelimits ?? []).map((r) => r.name),
      )
    )
      problems.push(`${where}: ratelimits differ from the top-level ones`);
    const { QUEUE_PREFIX: _, ...vars } = block.vars ?? {};
    if (!same(top.vars ?? {}, vars)) problems.push(`${where}: vars differ from the top-level ones`);
    if (plan.workers[w].secrets.length === 0) problems.push(`${where}: no secrets.required`);
    if ((block.observability ?? top.observability)?.enabled !== true)
      problems.push(`${where}: observability is not enabled`);
  }
  problems.push(...laneProblems(plan.workers.pipeline.config, plan.workers.gateway.config, prefix, env));
  const consumed = new Set((plan.workers.pipeline.config.queues?.consumers ?? []).map((c) => c.queue));
  for (const queue of plan.queues) {
    if (!consumed.has(queue)) problems.push(`${env}: queue ${queue} has no consumer in the pipeline`);
  }
  const names = new Set();
  const prefixes = new Set();
  for (const e of Object.keys(configs.pipeline.env ?? {})) {
    const p = configs.pipeline.env[e].vars?.QUEUE_PREFIX;
    if (prefixes.has(p)) problems.push(`QUEUE_PREFIX ${JSON.stringify(p)} is used by two environments`);
    prefixes.add(p);
    for (const w of WORKERS) {
      const name = configs[w].env?.[e]?.name;
      if (names.has(name)) problems.push(`Worker name ${name} is used by two environments`);
      names.add(name);
    }
  }
  return problems;
}
