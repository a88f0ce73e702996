export type { AppType } from "./app.js";
