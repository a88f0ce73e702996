export declare class TerminateWatcher {
  /** Client → server bytes; true when they complete a Terminate ('X') message. */
  push(chunk: Uint8Array): boolean;
  /** Server → client bytes: TLS/GSS negotiated inside the tunnel, ReadyForQuery and its status. */
  serverBytes(chunk: Uint8Array): void;
  /** ReadyForQuery messages the server still owes (one per Sync, Query and the startup). */
  pendingReady: number;
  /** Transaction status of the last ReadyForQuery: "I", "T" or "E". */
  status: string;
  /** Nothing unanswered and no transaction open. */
  readonly idle: boolean;
}
