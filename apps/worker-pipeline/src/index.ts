import { consumeMatchEvents } from "./consume/index.js";

export default {
  queue: consumeMatchEvents,
} satisfies ExportedHandler<Env>;
