import type { NotificationLocale } from "../locale/index.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import type { Phrases } from "./phrases.js";

export type { Phrases } from "./phrases.js";
export const PHRASES: Record<NotificationLocale, Phrases> = { fr, en, es, de, ar };
