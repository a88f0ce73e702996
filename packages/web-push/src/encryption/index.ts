// RFC 8291 message encryption with the RFC 8188 "aes128gcm" content coding: one record, WebCrypto only.

import { type Bytes, concatBytes, utf8 } from "../bytes/index.js";
import { WebPushError } from "../errors.js";

/** A WebCrypto key, spelled so it type-checks against both the Workers and the Node typings. */
export type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** The record size we announce: the one of RFC 8291's example and of every browser's push service. */
export const RECORD_SIZE = 4096;
/** 16 salt + 4 rs + 1 idlen + 65 keyid (RFC 8291 §4). */
export const HEADER_LENGTH = 86;
/** Push services guarantee 4096 bytes of body (RFC 8030 §7.2): minus the header, the tag and the delimiter. */
export const MAX_PLAINTEXT = 4096 - HEADER_LENGTH - 16 - 1;

const KEY_INFO = utf8("WebPush: info\0");
const CEK_INFO = utf8("Content-Encoding: aes128gcm\0");
const NONCE_INFO = utf8("Content-Encoding: nonce\0");
const P256 = { name: "ECDH", namedCurve: "P-256" } as const;

/** The user agent's side, as a subscription gives it: `keys.p256dh` (65-byte point) and `keys.auth` (16 bytes). */
export interface Receiver {
  p256dh: Uint8Array;
  auth: Uint8Array;
  /** `p256dh` already imported, when the caller validated the subscription first. */
  key?: WebCryptoKey;
}

/** The application server's ephemeral pair (private key usable for "deriveKey"); injected only to reproduce a known vector. */
export interface SenderKeys {
  publicKey: Uint8Array;
  privateKey: WebCryptoKey;
}

export interface EncryptOptions {
  sender?: SenderKeys;
  salt?: Uint8Array;
}

// The Workers typings spell the standard `public` member `$public`; the runtime wants `public`.
const ecdhParams = (peer: WebCryptoKey) =>
  ({ name: "ECDH", public: peer }) as unknown as Parameters<typeof crypto.subtle.deriveKey>[0];

export function importP256PublicKey(raw: Uint8Array): Promise<WebCryptoKey> {
  return crypto.subtle.importKey("raw", raw as Bytes, P256, false, []);
}

/** RFC 8291 §3.1: a fresh key pair for every message, never reused. */
export async function generateSenderKeys(): Promise<SenderKeys> {
  const pair = (await crypto.subtle.generateKey(P256, false, ["deriveKey"])) as {
    publicKey: WebCryptoKey;
    privateKey: WebCryptoKey;
  };
  const publicKey = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return { publicKey, privateKey: pair.privateKey };
}

/**
 * Encrypts `plaintext` for one subscription and returns the whole request body:
 * salt(16) | rs(4, big-endian) | idlen(1) = 65 | keyid = sender public key | one record.
 */
export async function encryptPayload(
  plaintext: Uint8Array,
  receiver: Receiver,
  options: EncryptOptions = {},
): Promise<Bytes> {
  if (plaintext.length > MAX_PLAINTEXT) {
    throw new WebPushError(
      "payload_too_large",
      `payload is ${plaintext.length} bytes; at most ${MAX_PLAINTEXT} fit in one push message`,
    );
  }
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const [sender, uaKey] = await Promise.all([
    options.sender ?? generateSenderKeys(),
    receiver.key ?? importP256PublicKey(receiver.p256dh),
  ]);
  if (sender.publicKey.length !== 65)
    throw new Error("the sender key must be a 65-byte uncompressed P-256 point");
  // ECDH straight into an HKDF key: the shared secret never needs to leave WebCrypto (one call fewer per message).
  const ecdhKey = await crypto.subtle.deriveKey(ecdhParams(uaKey), sender.privateKey, "HKDF", false, [
    "deriveBits",
  ]);
  // RFC 8291 §3.3/3.4: IKM = HKDF(salt = auth_secret, ikm = ecdh_secret, info = "WebPush: info" 0x00 ua_public as_public, 32)
  const ikm = await crypto.subtle.deriveBits(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: receiver.auth as Bytes,
      info: concatBytes(KEY_INFO, receiver.p256dh, sender.publicKey),
    },
    ecdhKey,
    256,
  );
  // RFC 8188 §2.2/2.3: CEK and NONCE from HKDF(salt = header salt, ikm = IKM); one record, so SEQ = 0 leaves NONCE as is.
  const ikmKey = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits", "deriveKey"]);
  const [cek, nonce] = await Promise.all([
    crypto.subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: salt as Bytes, info: CEK_INFO },
      ikmKey,
      { name: "AES-GCM", length: 128 },
      false,
      ["encrypt"],
    ),
    crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: salt as Bytes, info: NONCE_INFO },
      ikmKey,
      96,
    ),
  ]);

  // The last (only) record ends with the delimiter 0x02 and no further padding.
  const record = new Uint8Array(plaintext.length + 1);
  record.set(plaintext);
  record[plaintext.length] = 0x02;
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce, tagLength: 128 }, cek, record);

  const header = new Uint8Array(HEADER_LENGTH);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = sender.publicKey.length;
  header.set(sender.publicKey, 21);
  return concatBytes(header, new Uint8Array(sealed));
}
