// What a push carries: the decrypted Web Push payload (and, for native pushes, what title, body and data are
// made of). The pipeline renders it (@buzz/notifications), the service worker shows it (@buzz/client-sdk/sw).

/** `data` of a Buzz notification. */
export interface NotificationData {
  event_id: string;
  match_id: string;
  sequence_number: number;
  /** The match page to open on click, absolute or relative to the service worker's scope. */
  url: string;
}

/** The decrypted Web Push payload. An amendment (the scorer of a provisional goal) has the goal's `tag`. */
export interface NotificationPayload {
  title: string;
  body: string;
  tag: string;
  data: NotificationData;
  /** Text direction and language of title and body (Notification options `dir`, `lang`): Arabic is "rtl". */
  dir?: "ltr" | "rtl";
  lang?: string;
  /**
   * v1.1: true for a goal pushed during the device's quiet hours: shown without sound or vibration. Absent
   * otherwise.
   */
  silent?: true;
}
