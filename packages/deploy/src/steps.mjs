// The steps of `npm run deploy`, in order. A step with `account: true` talks to Cloudflare (or to the production
// database); --dry-run runs every other step for real and prints what those would do.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS, migrateDatabase, startDatabase } from "@buzz/db/local";
import { generateVapidKeys } from "@buzz/dev-stack";
import { APP_DIRS, checkEnvironment, environmentOf, readConfigs } from "./config.mjs";
import { createQueues, listQueues, missingQueues } from "./queues.mjs";
import { planSecrets, secretNames } from "./secrets.mjs";
import { wrangler, wranglerOrThrow } from "./wrangler.mjs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const hostOf = (url) => {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
};
// The Workers' DATABASE_URL is best Neon's pooled connection string (every queue invocation opens a connection);
// Neon advises a direct one for schema migrations (its pooler runs PgBouncer in transaction mode).
const migrationUrl = () => process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL;

/** The gateway serves the dashboard this run built (the config's other `assets` settings still apply). */
const assetsOf = (ctx, w) => (w === "gateway" ? ["--assets", ctx.assets] : []);

/**
 * ctx: { root, env, dryRun, log, tmp }; steps fill ctx.plan, ctx.assets, ctx.secretFiles. `account`: what a step needs that a
 * dry run does not touch (true: the Cloudflare account).
 */
export const STEPS = [
  {
    title: "check both Workers' configuration",
    run(ctx) {
      const configs = readConfigs(ctx.root);
      const problems = checkEnvironment(configs, ctx.env);
      if (problems.length)
        throw new Error(`the configuration is not deployable:\n  ${problems.join("\n  ")}`);
      ctx.plan = environmentOf(configs, ctx.env);
      const names = Object.values(ctx.plan.workers).map((w) => w.name);
      ctx.log(
        `  Workers ${names.join(", ")}; ${ctx.plan.queues.length} queues prefixed "${ctx.plan.prefix}"`,
      );
      if (!ctx.dryRun && !process.env.DATABASE_URL)
        throw new Error("set DATABASE_URL to the database of this environment (Neon's postgres:// URL)");
    },
  },
  {
    // Into the run's own directory, not apps/web/dist: every `wrangler dev` on this checkout (npm start, the tests)
    // serves and watches that one, and reloads its Workers when it is rewritten, failing requests in flight.
    title: "build the dashboard (apps/web)",
    run(ctx) {
      ctx.assets = join(ctx.tmp, "web");
      const run = spawnSync(npm, ["run", "build", "-w", "@buzz/web", "--", "--outDir", ctx.assets], {
        cwd: ctx.root,
        encoding: "utf8",
      });
      if (run.status !== 0) throw new Error(`npm run build -w @buzz/web failed:\n${run.stdout}${run.stderr}`);
    },
  },
  {
    title: "bundle the pipeline and the gateway (wrangler deploy --dry-run)",
    run(ctx) {
      for (const w of ["pipeline", "gateway"]) {
        const outdir = join(ctx.tmp, w);
        wranglerOrThrow(
          ctx.root,
          APP_DIRS[w],
          ["deploy", "--dry-run", "--env", ctx.env, "--outdir", outdir, ...assetsOf(ctx, w)],
          {
            capture: true,
          },
        );
        ctx.log(`  ${ctx.plan.workers[w].name}: bundled`);
      }
    },
  },
  {
    title: "apply the migrations to an empty database (PGlite)",
    async run(ctx) {
      const db = await startDatabase();
      try {
        await migrateDatabase(db.url);
      } finally {
        await db.stop();
      }
      ctx.log(`  ${MIGRATIONS}: every migration applies`);
    },
  },
  {
    title: "create the missing queues and dead-letter queues",
    account: true,
    describe: (ctx) => [
      "wrangler queues list, then for each of these that is missing: wrangler queues create <name>",
      ...ctx.plan.queues.map((q) => `  ${q}`),
    ],
    run(ctx) {
      const run = (args) => wrangler(ctx.root, APP_DIRS.pipeline, args, { capture: true });
      const missing = missingQueues(ctx.plan.queues, listQueues(run));
      const created = createQueues(missing, run);
      ctx.log(`  ${created.length ? `created ${created.join(", ")}` : "all there"}`);
    },
  },
  {
    title: "check the secrets (a VAPID pair is generated once for both Workers)",
    account: true,
    describe: (ctx) =>
      Object.entries(ctx.plan.workers).map(
        ([, { name, secrets }]) =>
          `wrangler secret list --env ${ctx.env} (${name}): ${secrets.join(", ")}; a missing one is set from the shell's variable of that name`,
      ),
    async run(ctx) {
      const required = {};
      const set = {};
      for (const [w, { secrets }] of Object.entries(ctx.plan.workers)) {
        required[w] = secrets;
        const listed = wrangler(
          ctx.root,
          APP_DIRS[w],
          ["secret", "list", "--format", "json", "--env", ctx.env],
          {
            capture: true,
          },
        );
        set[w] = secretNames(listed);
      }
      const kept = join(ctx.root, ".buzz", "deploy", `${ctx.env}-vapid-public-key`);
      const pair = await generateVapidKeys();
      const keptPublicKey = existsSync(kept) ? readFileSync(kept, "utf8").trim() : undefined;
      const plan = planSecrets({ required, set, env: process.env, keptPublicKey, generate: () => pair });
      if (plan.problems.length) throw new Error(`secrets missing:\n  ${plan.problems.join("\n  ")}`);
      if (plan.generated) {
        // Only the public key is kept (it is public): should the gateway's deploy fail after the pipeline's, the
        // next run can still give the gateway the key the pipeline signs with.
        mkdirSync(join(ctx.root, ".buzz", "deploy"), { recursive: true });
        writeFileSync(kept, `${pair.publicKey}\n`);
        ctx.log(`  generated a VAPID key pair (public key kept in ${kept})`);
      }
      ctx.secretFiles = {};
      for (const [w, values] of Object.entries(plan.values)) {
        const names = Object.keys(values);
        ctx.log(
          `  ${ctx.plan.workers[w].name}: ${names.length ? `will set ${names.join(", ")}` : "all set"}`,
        );
        if (!names.length) continue;
        const file = join(ctx.tmp, `${w}-secrets.json`);
        writeFileSync(file, JSON.stringify(values), { mode: 0o600 });
        ctx.secretFiles[w] = file;
      }
    },
  },
  {
    title: "run the migrations against DIRECT_DATABASE_URL, else DATABASE_URL",
    account: "the environment's database",
    describe: () => [
      migrationUrl()
        ? `migrate ${hostOf(migrationUrl())} (npx buzz-migrate)`
        : "migrate the database of DATABASE_URL (not set now; the deploy requires it) (npx buzz-migrate)",
    ],
    async run() {
      await migrateDatabase(migrationUrl());
    },
  },
  ...["pipeline", "gateway"].map((w) => ({
    title: `deploy the ${w}`,
    account: true,
    describe: (ctx) => [
      `wrangler deploy --env ${ctx.env} (${ctx.plan.workers[w].name}, with the missing secrets)`,
    ],
    run(ctx) {
      const file = ctx.secretFiles?.[w];
      wranglerOrThrow(ctx.root, APP_DIRS[w], [
        "deploy",
        "--env",
        ctx.env,
        ...(file ? ["--secrets-file", file] : []),
        ...assetsOf(ctx, w),
      ]);
    },
  })),
];

/** Runs the steps; returns normally when all ran (or were printed, in a dry run), throws on the first failure. */
export async function deploy({ root, env, dryRun, log = console.log }) {
  const ctx = { root, env, dryRun, log, tmp: mkdtempSync(join(tmpdir(), "buzz-deploy-")) };
  try {
    for (const [i, step] of STEPS.entries()) {
      const n = `[${i + 1}/${STEPS.length}]`;
      if (dryRun && step.account) {
        const needs = step.account === true ? "your Cloudflare account" : step.account;
        log(`--  ${n} ${step.title}: needs ${needs}, skipped in --dry-run; it would run:`);
        for (const line of step.describe(ctx)) log(`      ${line}`);
        continue;
      }
      log(`==> ${n} ${step.title}`);
      await step.run(ctx);
    }
  } finally {
    rmSync(ctx.tmp, { recursive: true, force: true });
  }
}
