import { describe, expect, it } from "vitest";
import { directionOf, resolveLocale } from "./index.js";

describe("resolveLocale", () => {
  it("keeps a supported language and falls back by language subtag", () => {
    expect(resolveLocale("fr")).toBe("fr");
    expect(resolveLocale("fr-CA")).toBe("fr");
    expect(resolveLocale("es-419")).toBe("es");
    expect(resolveLocale("de-AT")).toBe("de");
    expect(resolveLocale("ar-EG")).toBe("ar");
    expect(resolveLocale("en-GB")).toBe("en");
  });

  it("accepts Android-style underscores and any casing", () => {
    expect(resolveLocale("fr_BE")).toBe("fr");
    expect(resolveLocale("DE-ch")).toBe("de");
    expect(resolveLocale(" ar ")).toBe("ar");
  });

  it("falls back to English for unsupported, empty or malformed locales", () => {
    expect(resolveLocale("pt-BR")).toBe("en");
    expect(resolveLocale("ja")).toBe("en");
    expect(resolveLocale("")).toBe("en");
    expect(resolveLocale(null)).toBe("en");
    expect(resolveLocale(undefined)).toBe("en");
    expect(resolveLocale("not a locale!")).toBe("en");
  });
});

describe("directionOf", () => {
  it("is right-to-left for Arabic only", () => {
    expect(directionOf("ar")).toBe("rtl");
    for (const locale of ["fr", "en", "es", "de"] as const) expect(directionOf(locale)).toBe("ltr");
  });
});
