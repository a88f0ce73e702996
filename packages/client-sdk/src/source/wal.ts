import {
  closeSync,
  fdatasync,
  fsyncSync,
  ftruncate,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  write,
} from "node:fs";
import { dirname } from "node:path";
import { promisify } from "node:util";
import type { ErrorBody, IngestResult } from "@buzz/schema/contract";

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const ftruncateAsync = promisify(ftruncate);

/** One line of the write-ahead log. An entry is settled by a later `ack` or `rejected` line with its id. */
export type WalRecord =
  | { t: "entry"; id: number; match_id: string; body: unknown; at: string }
  | { t: "ack"; id: number; results: IngestResult[]; at: string }
  | { t: "rejected"; id: number; status: number; error: ErrorBody; at: string };

export interface WalEntry {
  id: number;
  matchId: string;
  body: unknown;
  /** When it was logged. */
  at: string;
  /** Its line's size in the file, newline included. */
  bytes: number;
}

export interface RecoveredWal {
  /** Entries never acknowledged nor rejected, in append order. */
  unsettled: WalEntry[];
  nextId: number;
}

/** Read an existing log. A torn last line (crash mid-write) is cut off; a bad line elsewhere is corruption. */
export function recoverWal(path: string): RecoveredWal {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { unsettled: [], nextId: 1 };
    throw err;
  }
  const open = new Map<number, WalEntry>();
  let nextId = 1;
  let validBytes = 0;
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    if (last && line === "") return;
    let record: WalRecord;
    try {
      record = JSON.parse(line) as WalRecord;
    } catch {
      if (last) return; // torn tail: never acknowledged to anyone, safe to drop
      throw new Error(`WAL ${path} is corrupt at line ${i + 1}`);
    }
    if (last) return; // a complete record without its newline was still torn mid-write
    const bytes = Buffer.byteLength(line, "utf8") + 1;
    validBytes += bytes;
    if (record.t === "entry") {
      open.set(record.id, {
        id: record.id,
        matchId: record.match_id,
        body: record.body,
        at: record.at,
        bytes,
      });
      nextId = Math.max(nextId, record.id + 1);
    } else {
      open.delete(record.id);
    }
  });
  // Nothing left to resend: the settled history goes, so the file does not grow run after run.
  if (open.size === 0 && text.length > 0) truncateSync(path, 0);
  else if (validBytes < Buffer.byteLength(text, "utf8")) truncateSync(path, validBytes);
  return { unsettled: [...open.values()].sort((a, b) => a.id - b.id), nextId };
}

/** Append-only JSONL file; every record is on disk (fdatasync) before `append` resolves. One writer per file. */
export class Wal {
  private readonly fd: number;
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, "a");
    syncDirectory(dirname(path));
  }

  /** Records are written in call order, whatever the order their writes complete in. */
  append(record: WalRecord | Buffer): Promise<void> {
    const line = Buffer.isBuffer(record) ? record : encodeRecord(record);
    return this.serial(async () => {
      for (let off = 0; off < line.length; )
        off += (await writeAsync(this.fd, line, off, line.length - off)).bytesWritten;
      await fdatasyncAsync(this.fd);
    });
  }

  /**
   * Empties the file once everything in it is settled (the caller knows), after the appends already asked for.
   * The file is opened for appending, so the next record lands at its start.
   */
  reset(): Promise<void> {
    return this.serial(async () => {
      await ftruncateAsync(this.fd, 0);
      await fdatasyncAsync(this.fd);
    });
  }

  private serial(step: () => Promise<void>): Promise<void> {
    const done = this.tail.then(step);
    this.tail = done.catch(() => undefined);
    return done;
  }

  async close(): Promise<void> {
    await this.tail;
    closeSync(this.fd);
  }
}

/** A record as the file holds it: one JSON line. */
export function encodeRecord(record: WalRecord): Buffer {
  return Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
}

/** A new file's directory entry must be durable too, or a crash can lose the whole log. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a directory for fsync; the file's own fsync still holds.
  }
}
