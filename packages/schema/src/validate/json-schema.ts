import * as z from "zod";
import { FixtureInputSchema } from "./fixture.js";
import { EventInputSchema } from "./input.js";
import { PublishedEventSchema } from "./published.js";

/** JSON Schemas of the contract for sources and consumers that do not speak TypeScript. */
export function contractJsonSchemas() {
  const opts = { target: "draft-2020-12", unrepresentable: "any" } as const;
  return {
    "event-input.schema.json": z.toJSONSchema(EventInputSchema, { ...opts, io: "input" }),
    "fixture.schema.json": z.toJSONSchema(FixtureInputSchema, { ...opts, io: "input" }),
    "published-event.schema.json": z.toJSONSchema(PublishedEventSchema, { ...opts, io: "output" }),
  };
}
