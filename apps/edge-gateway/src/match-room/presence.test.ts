import { describe, expect, it } from "vitest";
import { PRESENCE_GAP_MS } from "./presence.js";
import { freshRoom, openSocket, value } from "./room-testing.js";

describe("who is watching", () => {
  it("tells every socket the count as clients come and go, at most once a second, and the view has it", async () => {
    const { stub, name } = await freshRoom();
    expect(value(await stub.view()).watching).toBe(0);
    const first = await openSocket(stub, name);
    await first.untilPresence((n) => n === 1);
    expect(first.presence[0]).toMatchObject({ match_id: name, watching: 1 });

    // A burst of joins within the second: one message with the final count, not one per join.
    const others = await Promise.all([openSocket(stub, name), openSocket(stub, name)]);
    const sse = await stub.fetch(`https://room/v1/matches/${name}/stream`);
    await first.untilPresence((n) => n === 4);
    expect(value(await stub.view())).toMatchObject({ match_id: name, watching: 4 });
    expect(first.presence.map((p) => p.watching)).toEqual([1, 4]);
    expect(first.presence[1]!.at - first.presence[0]!.at).toBeGreaterThanOrEqual(PRESENCE_GAP_MS - 50);
    await others[0]!.untilPresence((n) => n === 4);
    // A joiner starts from the last count sent, at once, then follows the broadcasts.
    expect(others[0]!.presence.map((p) => p.watching)).toEqual([1, 4]);

    // A stream whose client goes and a socket closed count at once (the stream without waiting for a keep-alive).
    await sse.body!.cancel();
    others[1]!.ws.close(1000, "bye");
    await first.untilPresence((n) => n === 2);
    expect(value(await stub.view()).watching).toBe(2);
    for (const s of [first, others[0]!]) s.ws.close();
  });
});
