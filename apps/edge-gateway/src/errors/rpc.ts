import { DomainError, type ErrorInfo } from "./domain.js";

/** What a Durable Object's RPC method answers: an Error thrown across RPC loses its class and fields. */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Object side: runs a method; a DomainError becomes a value, anything else is a bug and still throws. */
export async function rpc<T>(method: () => T | Promise<T>): Promise<RpcResult<T>> {
  try {
    return { ok: true, value: await method() };
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, error: err.info() };
    throw err;
  }
}

/** Worker side: the value, or the same DomainError thrown again for onError. */
export function unwrap<T>(result: RpcResult<T>): T {
  if (result.ok) return result.value;
  throw DomainError.from(result.error);
}
