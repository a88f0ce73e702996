import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkEnvironment, environmentOf, readConfigs } from "../src/config.mjs";

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
      // 4 stages, each with its dead-letter queue.
      expect(plan.queues).toHaveLength(8);
    });
  }

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
    const consumer = (name) => c.pipeline.env.staging.queues.consumers.find((q) => q.queue === name);
    consumer("buzz-staging-notifications").max_batch_size = 7;
    expect(checkEnvironment(c, "staging")).toEqual([]);
    consumer("buzz-staging-notifications").max_retries = 2;
    expect(checkEnvironment(c, "staging")).toEqual([
      'apps/worker-pipeline env.staging: queues differ from the top-level ones with the prefix "buzz-staging-"',
    ]);
    consumer("buzz-staging-notifications").max_retries = 6;
    consumer("buzz-staging-match-events").max_batch_size = 7;
    expect(checkEnvironment(c, "staging")).toHaveLength(1);
  });

  it("two environments with one queue prefix", () => {
    const c = configs();
    c.pipeline.env.staging.vars.QUEUE_PREFIX = c.pipeline.env.production.vars.QUEUE_PREFIX;
    expect(checkEnvironment(c, "staging")).toContain('QUEUE_PREFIX "buzz-" is used by two environments');
  });
});
