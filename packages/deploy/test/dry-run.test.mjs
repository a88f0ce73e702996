import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");

// The dry run on the working tree, as a new user would start it: it builds, bundles and migrates for real and
// must not need a Cloudflare account (no credentials, no network), printing the steps that would.
describe("npm run deploy -- --dry-run", () => {
  it("runs every local step and prints the account steps", { timeout: 240_000 }, () => {
    const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
    delete env.CLOUDFLARE_API_TOKEN;
    delete env.DATABASE_URL;
    env.DIRECT_DATABASE_URL = "postgres://buzz@ep-direct.example.neon.tech/neondb";
    // The dashboard a running `wrangler dev` serves (and watches) is left alone: the dry run builds its own.
    // Read, never written here: a file added there would reload the Workers of every stack on this checkout.
    const served = join(ROOT, "apps", "web", "dist", "index.html");
    const builtAt = () => (existsSync(served) ? statSync(served).mtimeMs : null);
    const before = builtAt();
    const run = spawnSync("npm", ["run", "deploy", "--", "--env", "staging", "--dry-run"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(builtAt()).toBe(before);
    const out = run.stdout;
    expect(run.stderr.match(/deploy: .*/)?.[0] ?? "", out).toBe("");
    expect(run.status).toBe(0);
    for (const step of ["check both Workers' configuration", "build the dashboard", "bundle the pipeline"])
      expect(out).toMatch(new RegExp(`==> \\[\\d/9\\] ${step}`));
    expect(out).toMatch(/==> \[4\/9\] apply the migrations to an empty database/);
    expect(out).toContain("buzz-worker-pipeline-staging: bundled");
    expect(out).toContain("buzz-edge-gateway-staging: bundled");
    // The account steps, skipped and described.
    expect(out.match(/skipped in --dry-run/g)).toHaveLength(5);
    expect(out).toContain("wrangler queues create <name>");
    expect(out).toContain("migrate ep-direct.example.neon.tech/neondb (npx buzz-migrate)");
    expect(out).toContain("        buzz-staging-notifications-dlq");
    expect(out).toMatch(
      /wrangler secret list --env staging \(buzz-edge-gateway-staging\): ADMIN_TOKEN, SOURCE_KEYS/,
    );
    expect(out).toContain("wrangler deploy --env staging (buzz-worker-pipeline-staging");
    expect(out.indexOf("deploy the pipeline")).toBeLessThan(out.indexOf("deploy the gateway"));
    expect(out).toContain('dry run of "staging" succeeded');
  });

  it("refuses an environment the configs do not have", { timeout: 60_000 }, () => {
    const run = spawnSync("npm", ["run", "deploy", "--", "--env", "qa", "--dry-run"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/has no environment "qa"/);
  });
});
