/** Match, team, player and competition ids: URL-safe, so they can sit in paths unescaped. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const ID_RULE = "must be 1-128 characters of A-Z a-z 0-9 . _ - (starting alphanumeric)";

/** Event, device, webhook and dead-letter ids are UUIDs (events: version 7). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string =>
  typeof value === "string" && UUID_PATTERN.test(value);
