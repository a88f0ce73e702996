import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { DomainError } from "../errors/index.js";

/**
 * Hono's body limit, at `maxSize` bytes or else the configured MAX_BODY_BYTES: a declared Content-Length over it is
 * refused before reading, a chunked body once its bytes pass it. Refusals take the contract's 413 shape.
 */
export function limitBody(maxSize?: number) {
  return createMiddleware<{ Bindings: Env }>((c, next) => {
    const limit = maxSize ?? bodyLimit(c.env);
    return honoBodyLimit({
      maxSize: limit,
      onError: () => {
        throw new DomainError(413, "payload_too_large", `body exceeds ${limit} bytes`);
      },
    })(c, next);
  });
}

/** The body's bytes; its size was checked by limitBody on the way in. */
export async function readBody(req: Request): Promise<Uint8Array> {
  return new Uint8Array(await req.arrayBuffer());
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new DomainError(400, "invalid_json", "body is not valid UTF-8");
  }
  if (text.trim() === "") throw new DomainError(400, "invalid_json", "body is empty; expected JSON");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DomainError(400, "invalid_json", `body is not valid JSON: ${(err as Error).message}`);
  }
  const nul = pathOfNul(value);
  if (nul) {
    // Postgres text and jsonb cannot hold U+0000: refused here, before anything is written anywhere.
    const message = "strings may not contain the NUL character (\\u0000)";
    throw new DomainError(422, "validation_failed", message, [{ path: nul, message }]);
  }
  return value;
}

/** Where the first string (value or key) holding U+0000 is, or null. */
function pathOfNul(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfNul(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key];
      const found = pathOfNul(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The configured body limit (MAX_BODY_BYTES), bytes. */
export function bodyLimit(env: Env): number {
  const limit = Number(env.MAX_BODY_BYTES);
  return Number.isSafeInteger(limit) && limit > 0 ? limit : 1_048_576;
}
