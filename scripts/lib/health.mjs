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
      const res = await fetch(`${baseUrl}/v1/health`, { signal: AbortSignal.timeout(2_000) });
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
