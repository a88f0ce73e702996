import { stripVTControlCharacters } from "node:util";

// Queues are account resources that `wrangler deploy` does not create: every name the environment binds is
// created here when it is missing, so a first deploy does not fail on one missing queue after another.

/** The queue names in `wrangler queues list`'s table (its cells, whatever the column order). */
export function namesInQueueTable(text) {
  const names = new Set();
  for (const line of stripVTControlCharacters(text).split(/\r?\n/)) {
    const cells = line
      .split(/[│|]/)
      .map((c) => c.trim())
      .filter(Boolean);
    if (cells.length < 2) continue;
    for (const cell of cells) if (/^[a-z0-9][a-z0-9-]*$/.test(cell)) names.add(cell);
  }
  return names;
}

/** The queues of `wanted` that `existing` (names) lacks, in order. */
export function missingQueues(wanted, existing) {
  return wanted.filter((q) => !existing.has(q));
}

/** Creates the missing ones with `run(args)` (wrangler, captured); a queue created meanwhile counts as there. */
export function createQueues(missing, run) {
  const created = [];
  for (const queue of missing) {
    const result = run(["queues", "create", queue]);
    if (!result.ok && !/already exists|already taken/i.test(result.output)) {
      throw new Error(`wrangler queues create ${queue} failed:\n${result.output.trim()}`);
    }
    if (result.ok) created.push(queue);
  }
  return created;
}

/** Every queue name of the account: `wrangler queues list` page by page until a page adds nothing. */
export function listQueues(run) {
  const names = new Set();
  for (let page = 1; page <= 100; page++) {
    const result = run(["queues", "list", "--page", String(page)]);
    if (!result.ok) throw new Error(`wrangler queues list failed:\n${result.output.trim()}`);
    const before = names.size;
    for (const n of namesInQueueTable(result.output)) names.add(n);
    if (names.size === before) break;
  }
  return names;
}
