export {
  directionOf,
  FALLBACK_LOCALE,
  type NotificationLocale,
  resolveLocale,
  SUPPORTED_LOCALES,
} from "./locale/index.js";
export { bypassesMatchCap, CRITICAL_EVENTS, ttlOf } from "./policy/index.js";
export { type RenderedNotification, type RenderOptions, renderNotification } from "./render/index.js";
export { shortName } from "./render/names.js";
export { tagOf } from "./render/tag.js";
export { isTopic, topicOf } from "./topic/index.js";
