export { renderNotification, type RenderOptions, type RenderedNotification } from "./render/index.js";
export { tagOf } from "./render/tag.js";
export { shortName } from "./render/names.js";
export { resolveLocale, directionOf, SUPPORTED_LOCALES, FALLBACK_LOCALE, type NotificationLocale } from "./locale/index.js";
export { urgencyOf, ttlOf, notifies, bypassesMatchCap, CRITICAL_EVENTS, CRITICAL_CARDS, DEFAULT_TTL_SECONDS } from "./policy/index.js";
export { topicOf, isTopic } from "./topic/index.js";
