// The user agent's side written with node:crypto (createECDH, hkdfSync, createDecipheriv): an implementation
// that shares no code with the WebCrypto sender, so a round trip proves the sender against RFC 8291/8188.
import { createDecipheriv, createECDH, hkdfSync } from "node:crypto";

export interface NodeReceiver {
  p256dh: Buffer;
  auth: Buffer;
  decrypt(body: Uint8Array): { plaintext: Buffer; rs: number; keyid: Buffer };
}

export function nodeReceiver(privateKey?: Buffer, auth?: Buffer): NodeReceiver {
  const ecdh = createECDH("prime256v1");
  if (privateKey) ecdh.setPrivateKey(privateKey);
  else ecdh.generateKeys();
  const p256dh = ecdh.getPublicKey();
  const secret = auth ?? Buffer.from(Array.from({ length: 16 }, (_, i) => i * 13));
  return {
    p256dh,
    auth: secret,
    decrypt(body) {
      const buf = Buffer.from(body);
      const salt = buf.subarray(0, 16);
      const rs = buf.readUInt32BE(16);
      const idlen = buf[20]!;
      const keyid = buf.subarray(21, 21 + idlen);
      const record = buf.subarray(21 + idlen);
      if (record.length > rs) throw new Error("more than one record");
      const shared = ecdh.computeSecret(keyid);
      const info = Buffer.concat([Buffer.from("WebPush: info\0"), p256dh, keyid]);
      const ikm = Buffer.from(hkdfSync("sha256", shared, secret, info, 32));
      const cek = Buffer.from(
        hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16),
      );
      const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
      const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
      decipher.setAuthTag(record.subarray(record.length - 16));
      const padded = Buffer.concat([
        decipher.update(record.subarray(0, record.length - 16)),
        decipher.final(),
      ]);
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 0x02) throw new Error("last record without the 0x02 delimiter");
      return { plaintext: padded.subarray(0, end), rs, keyid: Buffer.from(keyid) };
    },
  };
}
