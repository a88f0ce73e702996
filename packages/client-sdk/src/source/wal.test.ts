import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeRecord, recoverWal, Wal } from "./wal.js";

const tmp = () => join(mkdtempSync(join(tmpdir(), "buzz-wal-")), "w.jsonl");
const at = "2018-07-15T15:00:00.000Z";

describe("WAL", () => {
  it("starts empty when the file does not exist", () => {
    expect(recoverWal(tmp())).toEqual({ unsettled: [], nextId: 1 });
  });

  it("keeps entries that were neither acked nor rejected, in append order", async () => {
    const path = tmp();
    const wal = new Wal(path);
    await Promise.all([
      wal.append({ t: "entry", id: 1, match_id: "m", body: { n: 1 }, at }),
      wal.append({ t: "entry", id: 2, match_id: "m", body: { n: 2 }, at }),
      wal.append({ t: "ack", id: 1, results: [], at }),
      wal.append({ t: "entry", id: 3, match_id: "m", body: { n: 3 }, at }),
      wal.append({ t: "rejected", id: 3, status: 422, error: { error: { code: "x", message: "y" } }, at }),
      wal.append({ t: "entry", id: 4, match_id: "n", body: { n: 4 }, at }),
    ]);
    await wal.close();

    const line = (id: number, n: number, m: string) =>
      encodeRecord({ t: "entry", id, match_id: m, body: { n }, at }).length;
    expect(recoverWal(path)).toEqual({
      unsettled: [
        { id: 2, matchId: "m", body: { n: 2 }, at, bytes: line(2, 2, "m") },
        { id: 4, matchId: "n", body: { n: 4 }, at, bytes: line(4, 4, "n") },
      ],
      nextId: 5,
    });
  });

  it("cuts off a line torn by a crash so the next append starts clean", async () => {
    const path = tmp();
    const good = `${JSON.stringify({ t: "entry", id: 1, match_id: "m", body: {}, at })}\n`;
    writeFileSync(path, `${good}{"t":"entry","id":2,"match_`);

    expect(recoverWal(path)).toEqual({
      unsettled: [{ id: 1, matchId: "m", body: {}, at, bytes: Buffer.byteLength(good) }],
      nextId: 2,
    });
    expect(readFileSync(path, "utf8")).toBe(good);

    const wal = new Wal(path);
    await wal.append({ t: "ack", id: 1, results: [], at });
    await wal.close();
    expect(recoverWal(path)).toEqual({ unsettled: [], nextId: 2 });
  });

  it("drops the settled history when nothing is left to resend", async () => {
    const path = tmp();
    const wal = new Wal(path);
    await wal.append({ t: "entry", id: 1, match_id: "m", body: {}, at });
    await wal.append({ t: "ack", id: 1, results: [], at });
    await wal.close();
    expect(recoverWal(path)).toEqual({ unsettled: [], nextId: 2 });
    expect(readFileSync(path, "utf8")).toBe("");
  });

  it("reset empties the file after the appends asked for before it, and the next append starts it", async () => {
    const path = tmp();
    const wal = new Wal(path);
    void wal.append({ t: "entry", id: 1, match_id: "m", body: {}, at });
    void wal.append({ t: "ack", id: 1, results: [], at });
    await wal.reset();
    expect(readFileSync(path, "utf8")).toBe("");
    await wal.append({ t: "entry", id: 2, match_id: "m", body: {}, at });
    await wal.close();
    expect(recoverWal(path).unsettled.map((e) => e.id)).toEqual([2]);
  });

  it("refuses a log corrupted before its last line", () => {
    const path = tmp();
    writeFileSync(path, "not json\n");
    appendFileSync(path, `${JSON.stringify({ t: "entry", id: 1, match_id: "m", body: {}, at })}\n`);
    expect(() => recoverWal(path)).toThrow(/corrupt at line 1/);
  });
});
