export declare class TerminateWatcher {
  /** Client → server bytes; true when they complete a Terminate ('X') message. */
  push(chunk: Uint8Array): boolean;
  /** Server → client bytes (to notice TLS/GSS negotiated inside the tunnel). */
  serverBytes(chunk: Uint8Array): void;
}
