import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DESIGN_GOAL_INPUT } from "../testing/events.js";
import { contractJsonSchemas } from "./index.js";

const pkg = fileURLToPath(new URL("../..", import.meta.url));
const committed = join(pkg, "json-schema");
const schemas = contractJsonSchemas() as Record<string, JsonSchema>;

type JsonSchema = { [keyword: string]: unknown };

/** The draft 2020-12 keywords (core, applicator, validation, format, meta-data); anything else is a typo or drift. */
const DRAFT_2020_12 = new Set(
  (
    "$schema $id $ref $defs $anchor $dynamicRef $dynamicAnchor $comment $vocabulary allOf anyOf oneOf not if then else " +
    "dependentSchemas prefixItems items contains properties patternProperties additionalProperties propertyNames " +
    "unevaluatedItems unevaluatedProperties type enum const multipleOf maximum exclusiveMaximum minimum exclusiveMinimum " +
    "maxLength minLength pattern maxItems minItems uniqueItems maxContains minContains maxProperties minProperties required " +
    "dependentRequired format title description default deprecated readOnly writeOnly examples"
  ).split(" "),
);
const SUBSCHEMA_MAPS = new Set(["properties", "$defs", "patternProperties", "dependentSchemas"]);

function keywordsOf(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node))
    node.forEach((n) => {
      keywordsOf(n, out);
    });
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      out.add(k);
      if (SUBSCHEMA_MAPS.has(k))
        Object.values(v as object).forEach((s) => {
          keywordsOf(s, out);
        });
      else if (k !== "enum" && k !== "const" && k !== "default" && k !== "examples") keywordsOf(v, out);
    }
  }
  return out;
}

const typeOf = (v: unknown) =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "array"
      : typeof v === "number" && Number.isInteger(v)
        ? "integer"
        : typeof v;

/**
 * No JSON-Schema validator is installed, so this checks an instance against exactly the keywords the schemas
 * use (format is an annotation in 2020-12). Returns the failing JSON pointers.
 */
function violations(s: JsonSchema, v: unknown, at = ""): string[] {
  const bad: string[] = [];
  const fail = (why: string) => bad.push(`${at || "/"}: ${why}`);
  if (s.type !== undefined && !(typeOf(v) === s.type || (s.type === "number" && typeOf(v) === "integer")))
    return [`${at || "/"}: not ${s.type}`];
  if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(v)) fail(`not ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)))
    fail("not in enum");
  if (typeof v === "number") {
    if (typeof s.minimum === "number" && v < s.minimum) fail("below minimum");
    if (typeof s.maximum === "number" && v > s.maximum) fail("above maximum");
  }
  if (typeof v === "string") {
    if (typeof s.minLength === "number" && v.length < s.minLength) fail("too short");
    if (typeof s.maxLength === "number" && v.length > s.maxLength) fail("too long");
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(v)) fail("does not match pattern");
  }
  if (Array.isArray(v)) {
    if (typeof s.maxItems === "number" && v.length > s.maxItems) fail("too many items");
    if (s.items)
      v.forEach((item, i) => {
        bad.push(...violations(s.items as JsonSchema, item, `${at}/${i}`));
      });
  }
  if (typeOf(v) === "object") {
    const obj = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in obj)) fail(`missing ${r}`);
    for (const [k, val] of Object.entries(obj)) {
      if (props[k]) bad.push(...violations(props[k], val, `${at}/${k}`));
      else if (s.additionalProperties === false) fail(`unexpected ${k}`);
      else if (typeof s.additionalProperties === "object")
        bad.push(...violations(s.additionalProperties as JsonSchema, val, `${at}/${k}`));
    }
  }
  if (Array.isArray(s.anyOf) && !s.anyOf.some((b) => violations(b, v, at).length === 0))
    fail("matches no anyOf branch");
  if (Array.isArray(s.oneOf)) {
    const matching = s.oneOf.filter((b) => violations(b, v, at).length === 0).length;
    if (matching !== 1) fail(`matches ${matching} oneOf branches`);
  }
  return bad;
}

const designGoal = DESIGN_GOAL_INPUT;
const designFixture = {
  competition: { id: "wc-2018", name: "FIFA World Cup 2018" },
  kickoff_at: "2018-07-15T15:00:00Z",
  venue: "Luzhniki Stadium, Moscow",
  home: {
    team_id: "FRA",
    name: "France",
    players: [{ player_id: "FRA-griezmann", name: "Antoine Griezmann", jersey_number: 7, position: "FW" }],
  },
  away: {
    team_id: "CRO",
    name: "Croatia",
    players: [{ player_id: "CRO-modric", name: "Luka Modrić", jersey_number: 10, position: "MF" }],
  },
};

describe("contractJsonSchemas", () => {
  const out = mkdtempSync(join(tmpdir(), "buzz-json-schema-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("matches the committed packages/schema/json-schema/*.json (regenerate: npm run json-schema -w @buzz/schema)", () => {
    execFileSync(process.execPath, ["--import", "tsx", "src/validate/json-schema/cli.ts", out], {
      cwd: pkg,
      stdio: "pipe",
    });
    const generated = readdirSync(out).sort();
    expect(readdirSync(committed).sort()).toEqual(generated);
    for (const name of generated) {
      expect(readFileSync(join(committed, name), "utf8"), `${name} drifted`).toBe(
        readFileSync(join(out, name), "utf8"),
      );
    }
  });

  it.each(Object.entries(schemas))("%s is draft 2020-12 JSON Schema using only its keywords", (_, schema) => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect([...keywordsOf(schema)].filter((k) => !DRAFT_2020_12.has(k))).toEqual([]);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    for (const pattern of JSON.stringify(schema).match(/"pattern":"(?:[^"\\]|\\.)*"/g) ?? []) {
      expect(() => new RegExp(JSON.parse(`{${pattern}}`).pattern, "u")).not.toThrow();
    }
  });

  it("the event input schema accepts the DESIGN.md example event and refuses broken ones", () => {
    const input = schemas["event-input.schema.json"]!;
    expect(violations(input, designGoal)).toEqual([]);
    expect(violations(input, { ...designGoal, event_type: "GOAL_CELEBRATED" })).not.toEqual([]);
    expect(
      violations(input, { ...designGoal, data: { ...designGoal.data, goal_type: "BICYCLE" } }),
    ).not.toEqual([]);
    const { scorer: _, ...noScorer } = designGoal.data;
    expect(violations(input, { ...designGoal, data: noScorer })).not.toEqual([]);
  });

  it("the fixture schema accepts the DESIGN.md fixture", () => {
    const fixture = schemas["fixture.schema.json"]!;
    expect(violations(fixture, designFixture)).toEqual([]);
    expect(violations(fixture, { ...designFixture, kickoff_at: "15 July" })).not.toEqual([]);
  });
});
