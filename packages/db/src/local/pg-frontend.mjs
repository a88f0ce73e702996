// Just enough of the Postgres wire protocol to follow a session through the dev proxy, whatever chunks the bytes
// arrive in: the client's Terminate ('X'), the messages that each ask for a ReadyForQuery (Sync, simple Query,
// the StartupMessage), and the server's ReadyForQuery ('Z') with its transaction status. Message boundaries are
// tracked; bodies are skipped, never buffered (except the one status byte of a ReadyForQuery).
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 196608;
const ASKS_FOR_READY = new Set([0x53 /* Sync */, 0x51 /* Query */, 0x46 /* FunctionCall */]);

/** Walks typed messages (type byte + int32 length) across chunks; `untyped` for the client's first messages. */
class Frames {
  #header = Buffer.alloc(0); // a message header split across chunks
  #skip = 0; // body bytes of the current message still to come
  #keep = 0; // 1 while the body's first byte is wanted (the ReadyForQuery status)

  /** onHeader(header, untyped) per complete header (true: pass the body's first byte to onBodyByte). */
  walk(chunk, untypedNext, onHeader, onBodyByte) {
    let at = 0;
    while (at < chunk.length) {
      if (this.#skip > 0) {
        if (this.#keep > 0) {
          onBodyByte(chunk[at]);
          this.#keep = 0;
        }
        const n = Math.min(this.#skip, chunk.length - at);
        this.#skip -= n;
        at += n;
        continue;
      }
      const untyped = untypedNext();
      const need = untyped ? 8 : 5;
      const take = Math.min(need - this.#header.length, chunk.length - at);
      this.#header = Buffer.concat([this.#header, chunk.subarray(at, at + take)]);
      at += take;
      if (this.#header.length < need) break;
      const header = this.#header;
      this.#header = Buffer.alloc(0);
      this.#skip = untyped ? header.readInt32BE(0) - 8 : header.readInt32BE(1) - 4;
      this.#keep = onHeader(header, untyped) ? 1 : 0;
    }
  }
}

export class TerminateWatcher {
  #client = new Frames();
  #server = new Frames();
  #untyped = true; // before the StartupMessage, client messages have no type byte
  #opaque = false; // TLS or GSS inside the tunnel: nothing more can be read
  #awaitingNegotiation = false;
  #startupSent = false;
  /** ReadyForQuery messages the server still owes the client (one per Sync, Query and the startup). */
  pendingReady = 0;
  /** The transaction status of the last ReadyForQuery: "I" idle, "T" in a transaction, "E" failed one. */
  status = "I";

  /** Feeds client → server bytes; true when they complete a Terminate message. */
  push(chunk) {
    let sawTerminate = false;
    if (this.#opaque) return false;
    this.#client.walk(
      chunk,
      () => this.#untyped,
      (header, untyped) => {
        if (untyped) {
          const code = header.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.#awaitingNegotiation = true;
          else {
            this.#untyped = false; // StartupMessage (or CancelRequest, after which the server hangs up)
            if (code === PROTOCOL_3) {
              this.#startupSent = true;
              this.pendingReady++;
            }
          }
        } else if (header[0] === 0x58) sawTerminate = true;
        else if (ASKS_FOR_READY.has(header[0])) this.pendingReady++;
        return false;
      },
      () => {},
    );
    return sawTerminate;
  }

  /** Feeds server → client bytes: after an SSLRequest/GSSENCRequest, 'S'/'G' means the rest is encrypted. */
  serverBytes(chunk) {
    if (chunk.length === 0 || this.#opaque) return;
    if (this.#awaitingNegotiation) {
      this.#awaitingNegotiation = false;
      if (chunk[0] === 0x53 || chunk[0] === 0x47) {
        this.#opaque = true;
        return;
      }
      chunk = chunk.subarray(1); // 'N': the one untyped byte the server ever sends
    }
    if (!this.#startupSent) return;
    this.#server.walk(
      chunk,
      () => false,
      (header) => header[0] === 0x5a,
      (status) => {
        this.status = String.fromCharCode(status);
        this.pendingReady = Math.max(0, this.pendingReady - 1);
      },
    );
  }

  /**
   * Nothing asked is unanswered and no transaction is open: another session may go now without interleaving.
   * (Inside TLS nothing can be followed; such a session is never held.)
   */
  get idle() {
    return this.#opaque || (this.pendingReady === 0 && this.status === "I");
  }
}
