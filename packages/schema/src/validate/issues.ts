import type { z } from "zod";
import type { Issue } from "../contract/errors.js";

/** A zod error as the contract's `issues`, each path under `prefix` (e.g. `["events", 3]` in a batch). */
export function toIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    message: i.message,
    code: i.code,
  }));
}
