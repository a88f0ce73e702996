import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { configWithVars } from "@buzz/dev-stack";
import { describe, expect, it } from "vitest";
import { APP_DIRS, checkEnvironment, environmentOf, laneProblems, readConfigs } from "../src/config.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");
const configs = () => readConfigs(ROOT);

describe("the committed wrangler.jsonc environments", () => {
  for (const env of ["staging", "production"]) {
    it(`${env}: both Workers agree (queues, bindings, vars, secrets, observability)`, () => {
      expect(checkEnvironment(configs(), env)).toEqual([]);
    });

    it(`${env}: the gateway produces only to queues the pipeline consumes, all under the env's prefix`, () => {
      const plan = environmentOf(configs(), env);
      const consumed = plan.workers.pipeline.config.queues.consumers.map((c) => c.queue);
      for (const p of plan.workers.gateway.config.queues.producers) {
        expect(consumed).toContain(p.queue);
        expect(p.queue.startsWith(plan.prefix)).toBe(true);
      }
      // 4 stages, each with its dead-letter queue, and the lanes of notifications past the first.
      const lanes = plan.queues.filter((q) => /notifications-[0-9]+$/.test(q));
      expect(lanes.length).toBeGreaterThan(0);
      expect(plan.queues).toHaveLength(8 + lanes.length);
    });
  }

  it("local dev binds one notification lane; the dev stack's pipelineLanes makes more, whole", () => {
    const c = configs();
    expect(laneProblems(c.pipeline, c.gateway, "", "local")).toEqual([]);
    expect(c.pipeline.queues.producers.filter((p) => p.binding.startsWith("NOTIFICATIONS_"))).toEqual([
      { binding: "NOTIFICATIONS_DLQ", queue: "notifications-dlq" },
    ]);
    const dir = mkdtempSync(join(tmpdir(), "buzz-lanes-"));
    try {
      const path = configWithVars(join(ROOT, APP_DIRS.pipeline, "wrangler.jsonc"), {}, dir, {}, 3);
      const generated = JSON.parse(readFileSync(path, "utf8"));
      // The gateway's side is not generated: the pipeline's lanes are compared with themselves there.
      expect(laneProblems(generated, generated, "", "e2e")).toEqual([]);
      expect(generated.queues.producers.map((p) => p.binding)).toContain("NOTIFICATIONS_2");
      expect(generated.queues.consumers.map((q) => q.queue)).toContain("notifications-2");
      expect(generated.queues.producers.map((p) => p.binding)).not.toContain("NOTIFICATIONS_3");
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("staging and production share no queue and no Worker name", () => {
    const staging = environmentOf(configs(), "staging");
    const production = environmentOf(configs(), "production");
    expect(staging.queues.filter((q) => production.queues.includes(q))).toEqual([]);
    expect(staging.workers.gateway.name).not.toBe(production.workers.gateway.name);
    expect(staging.workers.pipeline.name).not.toBe(production.workers.pipeline.name);
  });
});

describe("checkEnvironment finds drift", () => {
  it("a gateway queue renamed in one environment only", () => {
    const c = configs();
    c.gateway.env.staging.queues.producers[0].queue = "buzz-staging-match-event";
    expect(checkEnvironment(c, "staging")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/edge-gateway env.staging: queues differ/),
        "staging: queue buzz-staging-match-event has no consumer in the pipeline",
      ]),
    );
  });

  it("a var added at the top level but not in an environment, secrets not declared, an unknown env", () => {
    const c = configs();
    c.pipeline.vars.NEW_SETTING = "1";
    delete c.gateway.env.production.secrets;
    const problems = checkEnvironment(c, "production");
    expect(problems).toContain("apps/worker-pipeline env.production: vars differ from the top-level ones");
    expect(problems).toContain("apps/edge-gateway env.production: no secrets.required");
    expect(checkEnvironment(c, "qa")[0]).toMatch(/has no environment "qa"/);
  });

  it("a consumer setting changed in one environment only; notifications' batch size is the one allowed to differ", () => {
    const c = configs();
    const consumers = c.pipeline.env.staging.queues.consumers;
    const consumer = (name) => consumers.find((q) => q.queue === name);
    // On every lane alike (a lane consumed otherwise than the first is drift of its own, tested below).
    const lanes = consumers.filter((q) => /^buzz-staging-notifications(-[0-9]+)?$/.test(q.queue));
    for (const lane of lanes) lane.max_batch_size = 7;
    expect(checkEnvironment(c, "staging")).toEqual([]);
    for (const lane of lanes) lane.max_retries = 2;
    expect(checkEnvironment(c, "staging")).toEqual([
      'apps/worker-pipeline env.staging: queues differ from the top-level ones with the prefix "buzz-staging-"',
    ]);
    for (const lane of lanes) lane.max_retries = 6;
    consumer("buzz-staging-match-events").max_batch_size = 7;
    expect(checkEnvironment(c, "staging")).toHaveLength(1);
  });

  it("two environments with one queue prefix", () => {
    const c = configs();
    c.pipeline.env.staging.vars.QUEUE_PREFIX = c.pipeline.env.production.vars.QUEUE_PREFIX;
    expect(checkEnvironment(c, "staging")).toContain('QUEUE_PREFIX "buzz-" is used by two environments');
  });

  it("lanes may number differently in each environment, but not differ between the Workers or from the first lane", () => {
    const c = configs();
    const block = c.pipeline.env.staging.queues;
    const gateway = c.gateway.env.staging.queues;
    const lane = (k) => ({ binding: `NOTIFICATIONS_${k}`, queue: `buzz-staging-notifications-${k}` });
    const first = block.consumers.find((q) => q.queue === "buzz-staging-notifications");
    const lanes = block.producers.filter((p) => /^NOTIFICATIONS_[0-9]+$/.test(p.binding)).length;
    block.producers.push(lane(lanes + 1));
    block.consumers.push({ ...first, queue: lane(lanes + 1).queue });
    gateway.producers.push(lane(lanes + 1));
    expect(checkEnvironment(c, "staging")).toEqual([]);

    block.consumers.at(-1).max_retries = 1;
    expect(checkEnvironment(c, "staging")).toEqual([
      `staging: buzz-staging-notifications-${lanes + 1} is not consumed as buzz-staging-notifications is`,
    ]);
    block.consumers.at(-1).max_retries = first.max_retries;
    gateway.producers.pop();
    expect(checkEnvironment(c, "staging")).toEqual([
      "staging: the gateway does not bind the pipeline's notification lanes",
    ]);
    gateway.producers.push(lane(lanes + 1));
    block.producers.at(-1).binding = `NOTIFICATIONS_${lanes + 2}`;
    expect(checkEnvironment(c, "staging")).toEqual(
      expect.arrayContaining([
        `staging: lane ${lanes + 1} is bound as NOTIFICATIONS_${lanes + 2} → ${lane(lanes + 1).queue}`,
      ]),
    );
  });
});
