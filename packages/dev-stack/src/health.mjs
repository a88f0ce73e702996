/** How long one readiness probe may wait for its answer. */
const PROBE_TIMEOUT_MS = 15_000;

/**
 * Polls GET /v1/health until it answers 200. Gives up when the process exits first (`exited`
 * settles) or after `timeoutMs`: wrangler's first start bundles both Workers and can take a while.
 */
export async function waitForHealth(baseUrl, { exited, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  let dead = null;
  exited.then((why) => (dead = why));
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (dead) throw new Error(`wrangler exited before the stack was ready (${dead})`);
    try {
      // A first answer can take seconds on a loaded machine (CI runs suites side by side): a probe given up
      // early only sends another into the same queue.
      const res = await fetch(`${baseUrl}/v1/health`, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(PROBE_TIMEOUT_MS, deadline - Date.now()))),
      });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? (err.cause?.code ?? err.message) : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET ${baseUrl}/v1/health did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

/**
 * Settles with a reason once GET /v1/health has failed `failures` times in a row, polled every `intervalMs`:
 * wrangler can outlive the workerd it started, and then nothing answers behind a live port. `stop()` ends it.
 */
export function watchHealth(baseUrl, { intervalMs = 5_000, failures = 3 } = {}) {
  let timer;
  let stopped = false;
  const unhealthy = new Promise((resolve) => {
    let failed = 0;
    const poll = async () => {
      if (stopped) return;
      try {
        const res = await fetch(`${baseUrl}/v1/health`, { signal: AbortSignal.timeout(intervalMs) });
        await res.arrayBuffer();
        failed = res.status === 200 ? 0 : failed + 1;
      } catch {
        failed++;
      }
      if (failed >= failures) resolve(`GET /v1/health failed ${failed} times in a row`);
      else if (!stopped) timer = setTimeout(poll, intervalMs);
    };
    timer = setTimeout(poll, intervalMs);
  });
  return {
    unhealthy,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
