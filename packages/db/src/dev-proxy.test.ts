// src/local/neon-proxy.mjs: the WebSocket ⇄ TCP tunnel the Neon driver uses locally.
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { Client } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Db, openDb } from "./client.js";
import { sql } from "./index.js";
import {
  type Database,
  loopbackTarget,
  type NeonProxy,
  servesPglite,
  startDatabase,
  startNeonProxy,
  startNeonProxyFor,
  TerminateWatcher,
} from "./local/index.mjs";
import { type Backend, POSTGRES_SERVER, startBackend } from "./testing/backends.js";

/** A Postgres frontend message: type byte, int32 length (itself included), body. */
const message = (type: string, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
};
const startup = () => {
  const body = Buffer.from("user\0postgres\0database\0postgres\0\0", "latin1");
  const header = Buffer.alloc(8);
  header.writeInt32BE(body.length + 8, 0);
  header.writeInt32BE(196608, 4); // protocol 3.0
  return Buffer.concat([header, body]);
};
// A query whose text is full of 'X' bytes and whose length field contains 0x58: neither may read as Terminate.
const query = message("Q", Buffer.from(`select 'XXXX${"X".repeat(0x58 - 18)}'\0`, "latin1"));
const terminate = message("X", Buffer.alloc(0));

describe("loopbackTarget", () => {
  it("accepts loopback hosts only", () => {
    expect(loopbackTarget("127.0.0.1:5432")).toEqual({ host: "127.0.0.1", port: 5432 });
    expect(loopbackTarget("localhost:6543")).toEqual({ host: "localhost", port: 6543 });
    expect(loopbackTarget("[::1]:5432")).toEqual({ host: "::1", port: 5432 });
    for (const bad of [
      "10.0.0.5:5432",
      "db.example.com:5432",
      "127.0.0.1.evil.example:5432",
      "127.0.0.1",
      "127.0.0.1:0",
      "127.0.0.1:70000",
      "",
      null,
    ]) {
      expect(loopbackTarget(bad)).toBeNull();
    }
  });
});

describe("TerminateWatcher", () => {
  it("finds the Terminate message however the stream is cut, and nothing else", () => {
    const stream = Buffer.concat([startup(), query, query, terminate]);
    for (const size of [1, 2, 3, 5, 7, stream.length]) {
      const watcher = new TerminateWatcher();
      const seen: number[] = [];
      for (let at = 0; at < stream.length; at += size)
        if (watcher.push(stream.subarray(at, at + size))) seen.push(Math.min(at + size, stream.length));
      expect(seen, `chunks of ${size}`).toEqual([stream.length]);
    }
  });
});

/** A backend message: ReadyForQuery with a transaction status, or any other typed message. */
const ready = (status: "I" | "T" | "E") => Buffer.from([0x5a, 0, 0, 0, 5, status.charCodeAt(0)]);
const sync = message("S", Buffer.alloc(0));
const parse = message("P", Buffer.from("\0select $1\0\0\0", "latin1"));

describe("TerminateWatcher follows ReadyForQuery", () => {
  it("owes one per startup, Sync and Query, and is idle only when all came back outside a transaction", () => {
    const w = new TerminateWatcher();
    w.push(Buffer.concat([startup(), parse, sync, query]));
    expect(w.pendingReady).toBe(3);
    expect(w.idle).toBe(false);
    // Server bytes cut anywhere, a ReadyForQuery's status byte included.
    const answers = Buffer.concat([
      message("R", Buffer.alloc(4)),
      ready("I"),
      message("1", Buffer.alloc(0)),
      ready("T"),
    ]);
    for (let at = 0; at < answers.length; at += 5) w.serverBytes(answers.subarray(at, at + 5));
    expect(w.pendingReady).toBe(1);
    expect(w.status).toBe("T");
    w.serverBytes(ready("T"));
    expect(w.pendingReady).toBe(0);
    expect(w.idle).toBe(false); // a transaction is open
    w.push(query);
    w.serverBytes(ready("I"));
    expect(w.idle).toBe(true);
  });
});

describe("the dev proxy in front of PGlite", () => {
  // startDatabase's own PGlite, and one known by its url alone (as the crash suite hands its stacks one that
  // outlives them): either way the proxy must see it is PGlite.
  it.each([
    ["started by startDatabase", (database: Database) => database],
    ["known by its url alone", (database: Database) => ({ url: database.url })],
  ])(
    "keeps concurrent sessions' extended-protocol messages and transactions apart: PGlite %s",
    async (_, as) => {
      const database = await startDatabase();
      const proxy = await startNeonProxyFor(as(database));
      const { db, close } = openDb(
        { DATABASE_URL: database.url, NEON_WS_PROXY: proxy.address },
        { maxConnections: 8 },
      );
      try {
        await db.execute(sql`create table turns (session int, n int)`);
        // Eight sessions at once, each with parameterised statements (Parse/Bind/Execute/Sync, the unnamed
        // statement) and a transaction: interleaved, one session's Bind meets another's unnamed statement.
        const sessions = Array.from({ length: 8 }, async (_, session) => {
          for (let n = 0; n < 10; n++) {
            const { rows } = await db.execute(
              sql`select ${n}::int * 2 as twice, ${`s${session}`}::text as who`,
            );
            expect(rows[0]).toEqual({ twice: n * 2, who: `s${session}` });
          }
          await db.transaction(async (tx) => {
            for (let n = 0; n < 5; n++) await tx.execute(sql`insert into turns values (${session}, ${n})`);
          });
        });
        await Promise.all(sessions);
        const { rows } = await db.execute(
          sql`select count(*)::int as n, count(distinct session)::int as sessions from turns`,
        );
        expect(rows[0]).toEqual({ n: 40, sessions: 8 });
      } finally {
        await close();
        await proxy.stop();
        await database.stop();
      }
    },
  );

  it("is told apart from a real server by what the server says it is", async () => {
    const pglite = await startDatabase();
    try {
      expect(await servesPglite(pglite.url)).toBe(true);
      expect(await servesPglite(POSTGRES_SERVER)).toBe(false);
    } finally {
      await pglite.stop();
    }
  });
});

describe("the dev proxy", () => {
  let proxy: NeonProxy;
  let db: Server;
  const sessions: { socket: Socket; received: Buffer[]; ended: Promise<unknown> }[] = [];

  beforeAll(async () => {
    // Stands in for Postgres: records what arrives, answers each Query with ReadyForQuery, and keeps its side
    // open after the client's FIN until it has been seen (allowHalfOpen), like a server finishing a session.
    db = createServer({ allowHalfOpen: true }, (socket) => {
      const session = { socket, received: [] as Buffer[], ended: once(socket, "end") };
      sessions.push(session);
      socket.on("data", (chunk) => {
        session.received.push(chunk);
        if (chunk.includes(0x51)) socket.write(Buffer.from([0x5a, 0, 0, 0, 5, 0x49]));
      });
      session.ended.then(() => socket.end());
    });
    db.listen(0, "127.0.0.1");
    await once(db, "listening");
    proxy = await startNeonProxy();
  });
  afterAll(async () => {
    await proxy?.stop();
    db?.close();
  });

  const dbPort = () => (db.address() as { port: number }).port;
  const open = (address: string, path = "/v2") =>
    new WebSocket(`ws://${proxy.address}${path}?address=${encodeURIComponent(address)}`);

  it.each(["10.0.0.5:5432", "db.example.com:5432", "127.0.0.1.evil.example:5432", "not-an-address"])(
    "refuses to tunnel to %s",
    async (address) => {
      const ws = open(address);
      const [, res] = (await once(ws, "unexpected-response")) as [unknown, { statusCode: number }];
      expect(res.statusCode).toBe(403);
    },
  );

  it("refuses paths other than /v2", async () => {
    const ws = open(`127.0.0.1:${dbPort()}`, "/v1");
    const [, res] = (await once(ws, "unexpected-response")) as [unknown, { statusCode: number }];
    expect(res.statusCode).toBe(403);
  });

  it("pipes both ways, then ends the TCP side after Terminate and closes the WebSocket itself", async () => {
    const before = sessions.length;
    const ws = open(`127.0.0.1:${dbPort()}`);
    await once(ws, "open");
    const closed = once(ws, "close");
    const s = startup();
    ws.send(s.subarray(0, 3));
    ws.send(Buffer.concat([s.subarray(3), query]));
    const [reply] = (await once(ws, "message")) as [Buffer];
    expect(reply[0]).toBe(0x5a); // ReadyForQuery came back through the tunnel
    const session = sessions[before]!;
    let ended = false;
    session.ended.then(() => (ended = true));
    ws.send(terminate.subarray(0, 2));
    await new Promise((r) => setTimeout(r, 50));
    expect(ended).toBe(false); // half a Terminate is not one
    ws.send(terminate.subarray(2)); // and the client never sends a close frame, like workerd
    await session.ended;
    const [code] = (await closed) as [number];
    expect(code).toBe(1000);
    expect(Buffer.concat(session.received)).toEqual(Buffer.concat([s, query, terminate]));
  });

  it("closes the WebSocket when the database drops the connection", async () => {
    const before = sessions.length;
    const ws = open(`127.0.0.1:${dbPort()}`);
    await once(ws, "open");
    ws.send(startup());
    while (sessions.length === before) await new Promise((r) => setTimeout(r, 10));
    const closed = once(ws, "close");
    sessions[before]!.socket.destroy();
    const [code] = (await closed) as [number];
    expect([1000, 1011]).toContain(code);
  });

  it("closes the WebSocket when nothing listens at the target", async () => {
    const free = createServer();
    free.listen(0, "127.0.0.1");
    await once(free, "listening");
    const port = (free.address() as { port: number }).port;
    free.close();
    const ws = open(`127.0.0.1:${port}`);
    const [code] = (await once(ws, "close")) as [number];
    expect(code).toBe(1011);
  });
});

describe("the dev proxy's session pool, on a real server", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend("postgres");
  }, 90_000);
  afterAll(() => backend?.stop());

  /** One Worker invocation's connection: runs `fn` on it, then ends it (Terminate). */
  const session = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const { db, close } = openDb(backend.env, { maxConnections: 1 });
    try {
      return await fn(db);
    } finally {
      await close();
    }
  };
  const state = (db: Db) =>
    db
      .execute<{ pid: number; work_mem: string; locks: number }>(sql`
        select pg_backend_pid() as pid, current_setting('work_mem') as work_mem,
          (select count(*)::int from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()) as locks`)
      .then((r) => r.rows[0]!);
  /** Until the proxy has reset the connection and put it back (it does so after answering the Terminate). */
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it("hands the next session the same server connection, with nothing of the last one left on it", async () => {
    const first = await session(async (db) => {
      await db.execute(sql`set work_mem = '77MB'`);
      await db.execute(sql`select pg_advisory_lock(42)`);
      await db.execute(sql`prepare leftover as select 1`);
      return state(db);
    });
    expect(first).toMatchObject({ work_mem: "77MB", locks: 1 });
    await settle();

    const next = await session(async (db) => ({
      ...(await state(db)),
      prepared: (await db.execute(sql`select count(*)::int as n from pg_prepared_statements`)).rows[0]!.n,
    }));

    expect(next).toEqual({ pid: first.pid, work_mem: "4MB", locks: 0, prepared: 0 });
  });

  it("closes a connection whose session ended inside a transaction, which rolls it back", async () => {
    await session((db) => db.execute(sql`create table if not exists pool_probe (n int)`));
    await settle();
    const client = new Client({ connectionString: backend.env.DATABASE_URL });
    await client.connect();
    const pid = (await client.query("select pg_backend_pid() as pid")).rows[0].pid;
    await client.query("begin");
    await client.query("insert into pool_probe values (1)");
    await client.end();
    await settle();

    const next = await session(async (db) => ({
      pid: (await state(db)).pid,
      rows: (await db.execute(sql`select count(*)::int as n from pool_probe`)).rows[0]!.n,
    }));

    expect(next.pid).not.toBe(pid);
    expect(next.rows).toBe(0);
  });

  it("cuts the connections it keeps when paused, like every open tunnel", async () => {
    const { pid } = await session(state);
    await settle();
    backend.proxy.pause();
    backend.proxy.resume();

    expect((await session(state)).pid).not.toBe(pid);
  });
});

describe("the dev proxy's session pool, on a server that asks for a password", () => {
  it("never keeps the connection: the Terminate goes through to the server", async () => {
    const received: Buffer[] = [];
    // AuthenticationCleartextPassword after the startup; AuthenticationOk and ReadyForQuery after the password.
    const db = createServer((socket) => {
      socket.on("data", (chunk) => {
        received.push(chunk);
        if (received.length === 1) socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
        else if (chunk[0] === 0x70)
          socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49]));
      });
    });
    db.listen(0, "127.0.0.1");
    await once(db, "listening");
    const proxy = await startNeonProxy({ pool: true });
    try {
      const ws = new WebSocket(
        `ws://${proxy.address}/v2?address=127.0.0.1:${(db.address() as { port: number }).port}`,
      );
      await once(ws, "open");
      ws.send(startup());
      await once(ws, "message");
      ws.send(message("p", Buffer.from("secret\0", "latin1")));
      await once(ws, "message");
      ws.send(terminate);
      await once(ws, "close");
      await new Promise((r) => setTimeout(r, 50));

      expect(Buffer.concat(received).subarray(-terminate.length)).toEqual(terminate);
    } finally {
      await proxy.stop();
      db.close();
    }
  });
});
