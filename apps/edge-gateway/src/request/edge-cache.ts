// The data center's Workers Cache API, for answers that never change once given (a full page of a match's log,
// the analytics of a settled state). On Cloudflare it keeps nothing on workers.dev routes: there, every read is
// answered afresh.

/**
 * What is stored under `key`, as a response whose headers may still be set (the cached one's are immutable, and
 * the CORS middleware sets its own); undefined on a miss.
 */
export async function fromEdge(cacheName: string, key: Request): Promise<Response | undefined> {
  const hit = await (await caches.open(cacheName)).match(key);
  return hit && new Response(hit.body, hit);
}

/** Stores `answer` under `key` once the client has it: the copy is taken now, before its body is sent. */
export function toEdge(
  ctx: { waitUntil(promise: Promise<unknown>): void },
  cacheName: string,
  key: Request,
  answer: Response,
): void {
  const copy = answer.clone();
  ctx.waitUntil(caches.open(cacheName).then((cache) => cache.put(key, copy)));
}
