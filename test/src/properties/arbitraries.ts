// Hostile input as fast-check generates it: strings and JSON no well-behaved client sends, mutations of a
// valid body (one field replaced, removed or added), and the raw encodings and headers around it.
import fc from "fast-check";

/** Strings that have broken parsers, databases and URL handling before, beside random ones. */
const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uFFFF",
  "💥⚽",
  "é".normalize("NFD"),
  "'; drop table devices; --",
  "../../etc/passwd",
  "%00",
  "%zz",
  "null",
  "__proto__",
  "constructor",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "2018-02-30T00:00:00Z",
  "en-GB-oxendict-oxendict",
  "x".repeat(5_000),
  "http://127.0.0.1./",
  "https://[::ffff:127.0.0.1]/",
  "ExponentPushToken[]",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, -0, 0.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 151, 9_999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, its strings and numbers drawn from the hostile sets above. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false),
    hostileNumber,
    hostileString,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

type Path = (string | number)[];

/** Every path into a JSON value (objects' keys and arrays' indexes), the root included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const children =
    value && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, Array.isArray(value) ? Number(k) : k]))
      : [];
  return [at, ...children];
}

/** A copy of `value` with the node at `path` (not the root) changed by `change(parent, key)`. */
function edit(value: unknown, path: Path, change: (parent: any, key: string | number) => void): unknown {
  const copy = structuredClone(value);
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  change(parent, path[path.length - 1]!);
  return copy;
}

const setAt = (value: unknown, path: Path, v: unknown) =>
  path.length === 0
    ? v
    : edit(value, path, (parent, key) => {
        parent[key] = v;
      });

const get = (value: unknown, path: Path): unknown => path.reduce((node: any, key) => node?.[key], value);

/** A valid string made hostile: replaced, or with a character a database or parser chokes on added to it. */
const taintedString = (original: string): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: hostileString, weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom("\u0000", "\uD800", "\uFFFE", "\u202E", "%00", "\r\n", "\\"), fc.boolean())
        .map(([c, before]) => (before ? c + original : original + c)),
      weight: 3,
    },
  );

/**
 * The valid body with one of its strings tainted,
 * one field replaced by hostile JSON, one removed, one unknown key added, or the whole body replaced. Taints
 * are the heaviest: a body valid but for one string is what reaches furthest into the system.
 */
export function mutationOf(valid: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const inner = paths.filter((p) => p.length > 0);
  const strings = inner.filter((p) => typeof get(valid, p) === "string");
  const objects = paths.filter((p) => {
    const node = get(valid, p);
    return node !== null && typeof node === "object" && !Array.isArray(node);
  });
  const options: fc.WeightedArbitrary<unknown>[] = [
    {
      arbitrary: fc.tuple(fc.constantFrom(...paths), hostileJson).map(([path, v]) => setAt(valid, path, v)),
      weight: 3,
    },
  ];
  if (strings.length > 0)
    options.push({
      arbitrary: fc
        .constantFrom(...strings)
        .chain((path) => taintedString(get(valid, path) as string).map((v) => setAt(valid, path, v))),
      weight: 5,
    });
  if (inner.length > 0)
    options.push({
      arbitrary: fc.constantFrom(...inner).map((path) =>
        edit(valid, path, (parent, key) => {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        }),
      ),
      weight: 1,
    });
  if (objects.length > 0)
    options.push({
      arbitrary: fc.tuple(fc.constantFrom(...objects), hostileString, hostileJson).map(([path, key, v]) => {
        const copy: any = structuredClone(valid);
        const target: any = get(copy, path);
        target[key] = v;
        return copy;
      }),
      weight: 1,
    });
  return fc.oneof(...options, { arbitrary: hostileJson, weight: 1 });
}

/** What goes on the wire: the JSON as is, or broken, empty, oversized, or not JSON at all. */
export function encodingOf(body: fc.Arbitrary<unknown>): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: body.map((b) => JSON.stringify(b)), weight: 12 },
    body.map((b) => {
      const json = JSON.stringify(b) ?? "";
      return json.slice(0, Math.floor(json.length / 2));
    }),
    body.map((b) => `\uFEFF${JSON.stringify(b)}`),
    fc.constantFrom(undefined, "", "{", "[]", "null", '{"a":1,"a":2}', "\u0000", "{}".padEnd(1_100_000, " ")),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
}

export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  undefined,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=buzz",
  "application/json; charset=utf-16",
  "application/vnd.buzz+json",
);

/** A header value fetch will send (printable ASCII): random ones, and a few known to confuse servers. */
const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom("", "0", "-1", "99999999999999999999", "v1=", "v2=zz", "Bearer", "Bearer ", "gzip"),
);

/** Headers a client may add beside the endpoint's own: compression it did not apply, resume ids, origins. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    "Content-Encoding",
    "Last-Event-ID",
    "Accept",
    "Accept-Language",
    "Origin",
    "If-None-Match",
    "X-Forwarded-For",
    "X-Buzz-Timestamp",
    "X-Buzz-Key-Id",
  ),
  headerValue,
  { maxKeys: 2 },
);

/** A path parameter gone wrong: its upper-case twin, or something hostile, percent-encoded or raw. */
export function paramOf(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    // Lone surrogates cannot be percent-encoded as UTF-8: they are sent well-formed, and bad UTF-8 comes raw.
    hostileString.map((s) => encodeURIComponent(s.replace(/\p{Cs}/gu, "\uFFFD"))),
    fc.constantFrom(
      "%",
      "%zz",
      "%00",
      "%ED%A0%80",
      "%C0%AF",
      "%FF",
      "..",
      "%2e%2e",
      "a%2Fb",
      "x".repeat(3_000),
      valid.toUpperCase(),
      ` ${valid}`,
    ),
  );
}

/** A query string: none, the endpoint's own keys with hostile values, or random pairs. */
export function queryOf(keys: string[]): fc.Arbitrary<string> {
  const pairs = fc.array(
    fc.tuple(keys.length ? fc.oneof(fc.constantFrom(...keys), hostileString) : hostileString, hostileString),
    { maxLength: 3 },
  );
  return fc.oneof(
    fc.constant(""),
    pairs.map((ps) => (ps.length ? `?${new URLSearchParams(ps).toString()}` : "")),
    fc.constantFrom("?", "?&&", "?after=-1", "?limit=0", "?after=1e3", "?%zz=1"),
  );
}
