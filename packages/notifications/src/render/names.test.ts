import { describe, expect, it } from "vitest";
import { shortName } from "./names.js";

describe("shortName", () => {
  it.each([
    ["Griezmann", "Griezmann"],
    ["Antoine Griezmann", "Griezmann"],
    ["Mário Figueira Fernandes", "Fernandes"],
    ["Ángel Di María", "Di María"],
    ["Kevin De Bruyne", "De Bruyne"],
    ["Virgil van Dijk", "van Dijk"],
    ["Neymar Jr", "Neymar"],
    ["Son Heung-min", "Son"],
    ["Salem Al-Dawsari", "Al-Dawsari"],
    ["E. Cavani", "Cavani"],
    ["  Mbappé ", "Mbappé"],
  ])("%s → %s", (name, short) => {
    expect(shortName(name)).toBe(short);
  });
});
