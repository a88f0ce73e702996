import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64urlDecode } from "../bytes/index.js";
import { generateVapidKeys, importVapidKeys } from "./keys.js";

/** Signs with the imported key and verifies with the expected public point, so a wrong key cannot pass. */
async function signsFor(keys: Awaited<ReturnType<typeof importVapidKeys>>, expectedPublic: string) {
  const data = new TextEncoder().encode("vapid");
  const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, data);
  const pub = await crypto.subtle.importKey(
    "raw",
    base64urlDecode(expectedPublic),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pub, sig, data);
}

describe("generateVapidKeys", () => {
  it("returns the web-push format: 65-byte point and 32-byte scalar, base64url", async () => {
    const { publicKey, privateKey } = await generateVapidKeys();
    expect(base64urlDecode(publicKey).length).toBe(65);
    expect(base64urlDecode(publicKey)[0]).toBe(0x04);
    expect(base64urlDecode(privateKey).length).toBe(32);
    const imported = await importVapidKeys({ publicKey, privateKey });
    expect(imported.publicKey).toBe(publicKey);
    expect(await signsFor(imported, publicKey)).toBe(true);
  });
});

describe("importVapidKeys", () => {
  const node = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = node.privateKey.export({ format: "jwk" }) as { d: string; x: string; y: string };
  const expected = Buffer.concat([
    Buffer.of(4),
    Buffer.from(jwk.x, "base64url"),
    Buffer.from(jwk.y, "base64url"),
  ]).toString("base64url");

  it("recomputes the public key from the raw scalar alone", async () => {
    const keys = await importVapidKeys({ privateKey: jwk.d });
    expect(keys.publicKey).toBe(expected);
    expect(await signsFor(keys, expected)).toBe(true);
  });

  it("takes PKCS#8 as PEM and as base64 DER", async () => {
    const pem = node.privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    const der = (node.privateKey.export({ format: "der", type: "pkcs8" }) as Buffer).toString("base64");
    expect((await importVapidKeys({ privateKey: pem })).publicKey).toBe(expected);
    expect((await importVapidKeys({ privateKey: der, publicKey: expected })).publicKey).toBe(expected);
  });

  it("takes a JWK as an object or as JSON text, with or without x/y", async () => {
    expect((await importVapidKeys({ privateKey: { kty: "EC", crv: "P-256", ...jwk } })).publicKey).toBe(
      expected,
    );
    expect(
      (await importVapidKeys({ privateKey: JSON.stringify({ kty: "EC", crv: "P-256", d: jwk.d }) }))
        .publicKey,
    ).toBe(expected);
  });

  it("refuses a public key that is not the private key's", async () => {
    const other = await generateVapidKeys();
    await expect(importVapidKeys({ privateKey: jwk.d, publicKey: other.publicKey })).rejects.toMatchObject({
      code: "invalid_vapid_key",
      field: "publicKey",
      message: expect.stringMatching(/does not match/),
    });
  });

  it("names what is wrong with unusable input", async () => {
    await expect(importVapidKeys({ privateKey: "not a key!" })).rejects.toMatchObject({
      code: "invalid_vapid_key",
    });
    await expect(importVapidKeys({ privateKey: "AAAA" })).rejects.toMatchObject({
      code: "invalid_vapid_key",
      message: expect.stringMatching(/P-256/),
    });
    await expect(importVapidKeys({ privateKey: { kty: "RSA", crv: "", d: "x" } })).rejects.toMatchObject({
      message: expect.stringMatching(/EC P-256/),
    });
    const sec1 = node.privateKey.export({ format: "pem", type: "sec1" }) as string;
    await expect(importVapidKeys({ privateKey: sec1 })).rejects.toMatchObject({
      message: expect.stringMatching(/PKCS#8/),
    });
  });
});
