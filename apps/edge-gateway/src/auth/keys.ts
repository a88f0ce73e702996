import { SOURCE_SYSTEMS, type SourceSystem } from "@buzz/schema/contract";
import * as z from "zod";

const SourceKeySchema = z.object({
  id: z.string().min(1),
  secret: z.string().min(1),
  systems: z.array(z.union([z.literal("*"), z.enum(SOURCE_SYSTEMS)])),
  /** "*", exact match ids, or "prefix*" patterns. */
  matches: z.array(z.string().min(1)),
});
export type SourceKey = z.infer<typeof SourceKeySchema>;

let cached: { raw: string; keys: Map<string, SourceKey> } | undefined;

/**
 * The SOURCE_KEYS secret, parsed once per isolate; none set, no keys. A malformed secret is our fault, so it
 * throws (500).
 */
export function sourceKeys(env: Env): Map<string, SourceKey> {
  const raw = env.SOURCE_KEYS ?? "[]";
  if (cached?.raw === raw) return cached.keys;
  const parsed = z.array(SourceKeySchema).safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`SOURCE_KEYS is malformed: ${parsed.error.message}`);
  cached = { raw, keys: new Map(parsed.data.map((k) => [k.id, k])) };
  return cached.keys;
}

export function allowsMatch(key: SourceKey, matchId: string): boolean {
  return key.matches.some(
    (p) => p === "*" || p === matchId || (p.endsWith("*") && matchId.startsWith(p.slice(0, -1))),
  );
}

export function allowsSystem(key: SourceKey, system: SourceSystem): boolean {
  return key.systems.some((s) => s === "*" || s === system);
}
