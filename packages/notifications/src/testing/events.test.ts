import { PUBLISHED_EVENT_TYPES } from "@buzz/schema/contract";
import { PublishedEventSchema } from "@buzz/schema/validate";
import { describe, expect, it } from "vitest";
import { EVERY_EVENT } from "./events.js";

describe("test events", () => {
  it("are valid published events per the contract and cover every published type", () => {
    for (const event of EVERY_EVENT) expect(PublishedEventSchema.safeParse(event).error).toBeUndefined();
    expect(new Set(EVERY_EVENT.map((e) => e.event_type))).toEqual(new Set(PUBLISHED_EVENT_TYPES));
  });
});
