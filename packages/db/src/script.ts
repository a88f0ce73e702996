import type { SQL } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

/**
 * Renders values as literals that read the same whatever the server's standard_conforming_strings: an E'' string
 * (backslashes and quotes escaped) is defined either way, where a plain '' one changes meaning with the setting.
 */
class LiteralDialect extends PgDialect {
  override escapeString(str: string): string {
    if (str.includes("\0")) throw new Error("a NUL character cannot be sent in a query's text");
    return `E'${str.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
  }
}

const dialect = new LiteralDialect();

/**
 * Runs `statements` in one round trip and one transaction, and returns each statement's rows in order.
 *
 * A transaction the driver runs statement by statement pays a round trip for BEGIN, for each statement and for
 * COMMIT — each crossing the Neon proxy, and locally waiting its turn on the isolate. Sent as one query of the
 * simple protocol, several statements are one implicit transaction (all commit or none), each statement still
 * seeing what the ones before it wrote and, in READ COMMITTED, what others committed before it began; an error
 * anywhere rolls back the whole. The price: the simple protocol carries no parameters, so every value is
 * rendered into the text as a literal (LiteralDialect); and no JS runs between the statements, so a statement's
 * parameters cannot depend on an earlier one's rows.
 */
export async function runInOneTrip(db: Db, statements: readonly SQL[]): Promise<Record<string, unknown>[][]> {
  if (statements.length === 0) return [];
  const text = statements.map((s) => dialect.sqlToQuery(s.inlineParams()).sql).join(";\n");
  // Wrapped as drizzle wraps its own queries' failures: the Neon driver rejects a dropped connection with the
  // WebSocket's ErrorEvent, which is no Error (Hono's onError never sees it: an uncaught 500) and which
  // isDatabaseUnavailable recognises only as a query's cause.
  const results = await db.$client.query(text).catch((err: unknown) => {
    throw new DrizzleQueryError(text, [], err as Error);
  });
  // One result for one statement, an array of them for several.
  return (Array.isArray(results) ? results : [results]).map((r) => r.rows);
}
