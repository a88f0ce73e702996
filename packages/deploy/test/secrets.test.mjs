import { describe, expect, it } from "vitest";
import { planSecrets, secretNames } from "../src/secrets.mjs";

const required = {
  pipeline: ["DATABASE_URL", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"],
  gateway: ["ADMIN_TOKEN", "SOURCE_KEYS", "DATABASE_URL", "VAPID_PUBLIC_KEY"],
};
const env = {
  DATABASE_URL: "postgres://neon/db",
  VAPID_SUBJECT: "mailto:ops@example.com",
  ADMIN_TOKEN: "t",
  SOURCE_KEYS: "[]",
};
let made = 0;
const generate = () => ({ publicKey: `pub${++made}`, privateKey: `priv${made}` });
const none = () => ({ pipeline: new Set(), gateway: new Set() });

describe("planSecrets", () => {
  it("a first deploy: one generated VAPID pair for both Workers, the rest from the shell", () => {
    const plan = planSecrets({ required, set: none(), env, generate });
    expect(plan.problems).toEqual([]);
    expect(plan.generated).toBe(true);
    const pub = plan.values.pipeline.VAPID_PUBLIC_KEY;
    expect(plan.values.gateway.VAPID_PUBLIC_KEY).toBe(pub);
    expect(plan.values.pipeline.VAPID_PRIVATE_KEY).toBe(pub.replace("pub", "priv"));
    expect(plan.values.gateway).toEqual({ ...env, VAPID_PUBLIC_KEY: pub, VAPID_SUBJECT: undefined });
  });

  it("everything set: nothing uploaded, nothing generated, no shell variable needed", () => {
    const set = { pipeline: new Set(required.pipeline), gateway: new Set(required.gateway) };
    const plan = planSecrets({ required, set, env: {}, generate });
    expect(plan).toEqual({ values: { pipeline: {}, gateway: {} }, generated: false, problems: [] });
  });

  it("a missing secret with no shell variable is named", () => {
    const plan = planSecrets({ required, set: none(), env: { ...env, ADMIN_TOKEN: "" }, generate });
    expect(plan.problems).toEqual([
      "gateway: the secret ADMIN_TOKEN is not set: export ADMIN_TOKEN=… and run again",
    ]);
  });

  it("the gateway's public key missing after the pipeline got its pair: the kept public key, never a new pair", () => {
    const set = { pipeline: new Set(required.pipeline), gateway: new Set(["ADMIN_TOKEN", "SOURCE_KEYS"]) };
    const plan = planSecrets({ required, set, env, keptPublicKey: "kept", generate });
    expect(plan.generated).toBe(false);
    expect(plan.values.gateway).toEqual({ DATABASE_URL: env.DATABASE_URL, VAPID_PUBLIC_KEY: "kept" });
    const lost = planSecrets({ required, set, env, generate });
    expect(lost.problems).toEqual([
      expect.stringMatching(/^gateway: VAPID_PUBLIC_KEY is not set, and the other/),
    ]);
  });
});

describe("secretNames", () => {
  it("reads wrangler's JSON; a Worker not deployed yet has none; another failure throws", () => {
    const warning = "▲ [WARNING] Processing wrangler.jsonc configuration:\n";
    const json = '[\n  {\n    "name": "ADMIN_TOKEN",\n    "type": "secret_text"\n  }\n]\n';
    const listed = { ok: true, output: warning + json, stdout: warning + json };
    expect([...secretNames(listed)]).toEqual(["ADMIN_TOKEN"]);
    expect(
      secretNames({ ok: false, output: "This Worker does not exist on your account. [code: 10007]" }).size,
    ).toBe(0);
    expect(() => secretNames({ ok: false, output: "Not logged in." })).toThrow(/Not logged in/);
  });
});
