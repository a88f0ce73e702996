/** The languages notifications are written in; anything else falls back by language subtag, then to English. */
export const SUPPORTED_LOCALES = ["fr", "en", "es", "de", "ar"] as const;
export type NotificationLocale = (typeof SUPPORTED_LOCALES)[number];
export const FALLBACK_LOCALE: NotificationLocale = "en";

const RIGHT_TO_LEFT: ReadonlySet<NotificationLocale> = new Set(["ar"]);

const isSupported = (language: string): language is NotificationLocale =>
  (SUPPORTED_LOCALES as readonly string[]).includes(language);

/**
 * "fr-CA" → "fr", "ar_EG" → "ar", "pt-BR" → "en". Devices store whatever the browser reported, so an
 * underscore (Android/Java style) or odd casing must still work, and an unparseable tag must not throw.
 */
export function resolveLocale(locale: string | null | undefined): NotificationLocale {
  if (!locale) return FALLBACK_LOCALE;
  let language: string;
  try {
    language = new Intl.Locale(locale.trim().replaceAll("_", "-")).language;
  } catch {
    return FALLBACK_LOCALE;
  }
  return isSupported(language) ? language : FALLBACK_LOCALE;
}

export const directionOf = (locale: NotificationLocale): "ltr" | "rtl" =>
  RIGHT_TO_LEFT.has(locale) ? "rtl" : "ltr";
