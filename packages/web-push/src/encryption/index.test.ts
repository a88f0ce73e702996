import { describe, expect, it } from "vitest";
import { base64urlDecode, base64urlEncode, utf8 } from "../bytes/index.js";
import { WebPushError } from "../errors.js";
import { encryptPayload, importP256PublicKey, MAX_PLAINTEXT, RECORD_SIZE } from "./index.js";
import { nodeReceiver } from "./receiver.test-helper.js";

// RFC 8291, Appendix A ("Intermediate Values for Encryption"), quoted as given there.
const RFC8291 = {
  plaintext: "V2hlbiBJIGdyb3cgdXAsIEkgd2FudCB0byBiZSBhIHdhdGVybWVsb24",
  asPublic: "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
  asPrivate: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
  uaPublic: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
  uaPrivate: "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
  salt: "DGv6ra1nlYgDCS1FRnbzlw",
  authSecret: "BTBZMqHH6r4Tts7J_aSIgg",
  header:
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
  ciphertext: "8pfeW0KbunFT06SuDKoJH9Ql87S1QUrdirN6GcG7sFz1y1sqLgVi1VhjVkHsUoEsbI_0LpXMuGvnzQ",
  message:
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
};

/** The RFC gives the sender's pair as raw d and point; WebCrypto takes them as one JWK. */
async function rfcSender() {
  const point = base64urlDecode(RFC8291.asPublic);
  const privateKey = await crypto.subtle.importKey(
    "jwk",
    {
      kty: "EC",
      crv: "P-256",
      d: RFC8291.asPrivate,
      x: base64urlEncode(point.subarray(1, 33)),
      y: base64urlEncode(point.subarray(33, 65)),
    },
    { name: "ECDH", namedCurve: "P-256" },
    false,
    ["deriveKey"],
  );
  return { publicKey: point, privateKey };
}

describe("encryptPayload", () => {
  it("reproduces RFC 8291 Appendix A byte for byte", async () => {
    const body = await encryptPayload(
      base64urlDecode(RFC8291.plaintext),
      { p256dh: base64urlDecode(RFC8291.uaPublic), auth: base64urlDecode(RFC8291.authSecret) },
      { sender: await rfcSender(), salt: base64urlDecode(RFC8291.salt) },
    );
    expect(base64urlEncode(body.subarray(0, 86))).toBe(RFC8291.header);
    expect(base64urlEncode(body.subarray(86))).toBe(RFC8291.ciphertext);
    expect(base64urlEncode(body)).toBe(RFC8291.message);
  });

  it("is read back by an independent node:crypto receiver (the RFC's user agent)", async () => {
    const ua = nodeReceiver(
      Buffer.from(base64urlDecode(RFC8291.uaPrivate)),
      Buffer.from(base64urlDecode(RFC8291.authSecret)),
    );
    expect(base64urlEncode(ua.p256dh)).toBe(RFC8291.uaPublic);
    const plaintext = utf8('{"title":"⚽ BUT !","body":"Griezmann (France) — 2-1 [38\'"}');
    const body = await encryptPayload(plaintext, { p256dh: ua.p256dh, auth: ua.auth });
    const read = ua.decrypt(body);
    expect(read.plaintext.toString("utf8")).toBe(new TextDecoder().decode(plaintext));
    expect(read.rs).toBe(RECORD_SIZE);
    expect(read.keyid.length).toBe(65);
    expect(read.keyid[0]).toBe(0x04);
  });

  it("uses a fresh sender key and salt for every message", async () => {
    const ua = nodeReceiver();
    const key = await importP256PublicKey(ua.p256dh);
    const a = await encryptPayload(utf8("same"), { p256dh: ua.p256dh, auth: ua.auth, key });
    const b = await encryptPayload(utf8("same"), { p256dh: ua.p256dh, auth: ua.auth, key });
    expect(base64urlEncode(a.subarray(0, 16))).not.toBe(base64urlEncode(b.subarray(0, 16)));
    expect(base64urlEncode(a.subarray(21, 86))).not.toBe(base64urlEncode(b.subarray(21, 86)));
    expect(ua.decrypt(a).plaintext.toString()).toBe("same");
    expect(ua.decrypt(b).plaintext.toString()).toBe("same");
  });

  it("fills a 4096-byte push message exactly at the maximum and refuses one byte more", async () => {
    const ua = nodeReceiver();
    const full = await encryptPayload(new Uint8Array(MAX_PLAINTEXT).fill(65), {
      p256dh: ua.p256dh,
      auth: ua.auth,
    });
    expect(full.length).toBe(4096);
    expect(ua.decrypt(full).plaintext.length).toBe(MAX_PLAINTEXT);
    const tooBig = encryptPayload(new Uint8Array(MAX_PLAINTEXT + 1), { p256dh: ua.p256dh, auth: ua.auth });
    await expect(tooBig).rejects.toBeInstanceOf(WebPushError);
    await expect(tooBig).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
