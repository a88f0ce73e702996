// The slice of ServiceWorkerGlobalScope the Buzz worker uses, typed here because the package compiles without
// the DOM and WebWorker libraries. A worker compiled with lib "WebWorker" passes `self` as it is.

export interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}

export interface PushEventLike extends ExtendableEventLike {
  readonly data: { text(): string } | null;
}

export interface ClickedNotification {
  readonly data?: unknown;
  close(): void;
}

export interface NotificationClickEventLike extends ExtendableEventLike {
  readonly notification: ClickedNotification;
}

export interface MessageEventLike {
  readonly data: unknown;
  readonly source: { readonly id: string } | null;
}

export interface WindowClientLike {
  readonly id: string;
  readonly url: string;
  readonly visibilityState: string;
  focus(): Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: the worker's Client.postMessage, without the WebWorker lib.
  postMessage(message: unknown, transfer: any[]): void;
}

export interface NotificationOptionsLike {
  body?: string;
  tag?: string;
  data?: unknown;
  icon?: string;
  badge?: string;
  /** No sound and no vibration (a browser throws if `vibrate` is given with it, so it never is). */
  silent?: boolean;
}

export interface RegistrationScope {
  readonly scope: string;
  showNotification(title: string, options?: NotificationOptionsLike): Promise<void>;
  getNotifications(filter?: { tag?: string }): Promise<readonly { readonly data?: unknown }[]>;
}

export interface ClientsLike {
  matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
  openWindow(url: string): Promise<unknown>;
}

export interface BuzzServiceWorkerScope {
  // biome-ignore lint/suspicious/noExplicitAny: the worker's event types, without the WebWorker lib.
  addEventListener(type: "push" | "notificationclick" | "message", cb: (event: any) => void): void;
  readonly registration: RegistrationScope;
  readonly clients: ClientsLike;
}
