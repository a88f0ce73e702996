import { ApiError } from "../errors/index.js";

/**
 * The body's bytes, refusing more than `limit`. Content-Length only lets us refuse early: a chunked body
 * has none, so the bytes are counted as they arrive and the stream is cancelled once over the limit.
 */
export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ApiError(400, "invalid_json", "body is not valid UTF-8");
  }
  if (text.trim() === "") throw new ApiError(400, "invalid_json", "body is empty; expected JSON");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, "invalid_json", `body is not valid JSON: ${(err as Error).message}`);
  }
}

/** The configured body limit (MAX_BODY_BYTES), bytes. */
export function bodyLimit(env: Env): number {
  const limit = Number(env.MAX_BODY_BYTES);
  return Number.isSafeInteger(limit) && limit > 0 ? limit : 1_048_576;
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, "payload_too_large", `body exceeds ${limit} bytes`);
}
