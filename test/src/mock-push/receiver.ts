// The user agent's side of RFC 8291 / RFC 8188 "aes128gcm", written for the mock with WebCrypto and an explicit
// HMAC-based HKDF (RFC 5869), sharing no code with @buzz/web-push, so a sender bug cannot hide behind itself.
import { webcrypto } from "node:crypto";

const { subtle } = webcrypto;
type Key = webcrypto.CryptoKey;

export class DecryptError extends Error {}

export interface UserAgentKeys {
  privateKey: Key;
  /** 65-byte uncompressed point, as in the subscription's p256dh. */
  publicKey: Buffer;
  auth: Buffer;
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Buffer> {
  const k = await subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Buffer.from(await subtle.sign("HMAC", k, data));
}

/** HKDF-Extract (RFC 5869 §2.2). */
const extract = (salt: Uint8Array, ikm: Uint8Array) => hmac(salt, ikm);

/** One block of HKDF-Expand (RFC 5869 §2.3); every length here is ≤ 32. */
async function expand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Buffer> {
  return (await hmac(prk, Buffer.concat([info, Buffer.of(1)]))).subarray(0, length);
}

/** Decrypts a push message body; throws DecryptError saying what a strict user agent would reject. */
export async function decryptPushMessage(body: Buffer, ua: UserAgentKeys): Promise<Buffer> {
  if (body.length < 21) throw new DecryptError("body shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  if (idlen !== 65) throw new DecryptError(`keyid must be the 65-byte sender public key, idlen is ${idlen}`);
  if (rs < 18) throw new DecryptError(`record size ${rs} is below the minimum of 18`);
  const keyid = body.subarray(21, 86);
  const record = body.subarray(86);
  if (record.length < 17) throw new DecryptError("record shorter than tag plus delimiter");
  if (record.length > rs)
    throw new DecryptError(
      `more than one record (${record.length} bytes > rs ${rs}); RFC 8291 §4 allows one`,
    );

  let senderKey: Key;
  try {
    senderKey = await subtle.importKey("raw", keyid, { name: "ECDH", namedCurve: "P-256" }, false, []);
  } catch {
    throw new DecryptError("keyid is not a P-256 point");
  }
  const ecdh = Buffer.from(await subtle.deriveBits({ name: "ECDH", public: senderKey }, ua.privateKey, 256));
  const ikm = await expand(
    await extract(ua.auth, ecdh),
    Buffer.concat([Buffer.from("WebPush: info\0"), ua.publicKey, keyid]),
    32,
  );
  const prk = await extract(salt, ikm);
  const cek = await expand(prk, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await expand(prk, Buffer.from("Content-Encoding: nonce\0"), 12);

  let padded: Buffer;
  try {
    const key = await subtle.importKey("raw", cek, "AES-GCM", false, ["decrypt"]);
    padded = Buffer.from(await subtle.decrypt({ name: "AES-GCM", iv: nonce, tagLength: 128 }, key, record));
  } catch {
    throw new DecryptError("AES-GCM authentication failed: wrong keys, auth secret or derivation");
  }
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x02)
    throw new DecryptError("the only record must end with the 0x02 delimiter");
  return padded.subarray(0, end);
}
