export type LogLevel = "info" | "warn" | "error";

/** One JSON object per line, so `wrangler tail` and Workers Logs can filter on the fields. */
export function log(level: LogLevel, msg: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "info") console.log(line);
  else if (level === "warn") console.warn(line);
  else console.error(line);
}
