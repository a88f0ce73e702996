import { describe, expect, it } from "vitest";
import { base64urlDecode, base64urlEncode, bytesEqual, concatBytes } from "./index.js";

describe("base64url", () => {
  it("round-trips every byte value without padding or +/", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = base64urlEncode(all);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).toBe(Buffer.from(all).toString("base64url"));
    expect(bytesEqual(base64urlDecode(text), all)).toBe(true);
  });

  it("accepts padded input and rejects the standard alphabet and impossible lengths", () => {
    expect([...base64urlDecode("AQI=")]).toEqual([1, 2]);
    expect([...base64urlDecode("AQI")]).toEqual([1, 2]);
    expect(() => base64urlDecode("a+b/")).toThrow(/base64url/);
    expect(() => base64urlDecode("abcde")).toThrow(/truncated/);
    expect(() => base64urlDecode("ab cd")).toThrow(/base64url/);
  });

  it("encodes inputs longer than one chunk", () => {
    const big = new Uint8Array(100_000).fill(7);
    expect(base64urlDecode(base64urlEncode(big)).length).toBe(100_000);
  });
});

describe("concatBytes", () => {
  it("joins in order", () => {
    expect([...concatBytes(Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3))]).toEqual([1, 2, 3]);
  });
});
