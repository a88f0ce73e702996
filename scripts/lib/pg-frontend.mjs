// Just enough of the Postgres frontend protocol to see the client's Terminate message ('X') in a byte stream
// that arrives in arbitrary chunks: message boundaries are tracked, message bodies are skipped, not buffered.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export class TerminateWatcher {
  #untyped = true; // before the StartupMessage, messages have no type byte
  #header = Buffer.alloc(0); // a message header split across chunks
  #skip = 0; // body bytes of the current message still to come
  #opaque = false; // TLS or GSS inside the tunnel: nothing more can be read
  #awaitingNegotiation = false;

  /** Feeds client → server bytes; true when they complete a Terminate message. */
  push(chunk) {
    let at = 0;
    let sawTerminate = false;
    while (!this.#opaque && at < chunk.length) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, chunk.length - at);
        this.#skip -= n;
        at += n;
        continue;
      }
      const need = this.#untyped ? 8 : 5;
      const take = Math.min(need - this.#header.length, chunk.length - at);
      this.#header = Buffer.concat([this.#header, chunk.subarray(at, at + take)]);
      at += take;
      if (this.#header.length < need) break;
      const header = this.#header;
      this.#header = Buffer.alloc(0);
      if (this.#untyped) {
        const code = header.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.#awaitingNegotiation = true;
        else this.#untyped = false; // StartupMessage (or CancelRequest, after which the server hangs up)
        this.#skip = header.readInt32BE(0) - 8;
      } else {
        if (header[0] === 0x58) sawTerminate = true;
        this.#skip = header.readInt32BE(1) - 4;
      }
    }
    return sawTerminate;
  }

  /** Feeds server → client bytes: after an SSLRequest/GSSENCRequest, 'S'/'G' means the rest is encrypted. */
  serverBytes(chunk) {
    if (!this.#awaitingNegotiation || chunk.length === 0) return;
    this.#awaitingNegotiation = false;
    if (chunk[0] === 0x53 || chunk[0] === 0x47) this.#opaque = true;
  }
}
