import { roomOf } from "../matches/room.js";
import { shardName } from "./order.js";

/** An object's answer to a live upgrade it hands to a shard; internal, never seen by a client. */
const SHARD_HEADER = "X-Buzz-Live-Shard";

export const toShard = (k: number) =>
  new Response(null, { status: 307, headers: { [SHARD_HEADER]: `${k}` } });

/** The same request to the shard `res` names, if it names one (toShard); else `res` itself. */
export function followShard(
  res: Response,
  request: Request,
  shard: (k: number) => { fetch(request: Request): Promise<Response> },
): Response | Promise<Response> {
  const k = res.headers.get(SHARD_HEADER);
  if (res.status !== 307 || k === null) return res;
  return shard(Number(k)).fetch(request);
}

/**
 * Opens a live socket or stream on a match (`/v1/matches/{id}/live`, `/stream`): the room takes it, or names the
 * fan-out shard that does once the room holds LIVE_SHARD_SOCKETS, and the same request goes there.
 */
export async function openLive(env: Env, matchId: string, request: Request): Promise<Response> {
  return followShard(await roomOf(env, matchId).fetch(request), request, (k) =>
    env.LIVE_SHARD.getByName(shardName(matchId, k)),
  );
}
