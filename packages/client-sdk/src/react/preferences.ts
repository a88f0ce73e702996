import type { NotificationPreferences } from "@buzz/schema/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DeviceAuth } from "../push/http.js";
import { getPreferences, type PreferencesInput, setPreferences } from "../push/preferences.js";

export type PreferencesStatus = "idle" | "loading" | "ready" | "saving" | "error";

export interface PreferencesState {
  /** `idle` without a device; `error` after a failed read or save (the last good preferences are kept). */
  status: PreferencesStatus;
  /** As the server stores them; null until the first read answers. */
  preferences: NotificationPreferences | null;
  error: Error | null;
  /**
   * `PUT`s the preferences (a category left out takes its default: pass the whole set to change one toggle).
   * Resolves to the preferences as stored, or null when the server refused them (see `error`); never rejects.
   */
  save(next: PreferencesInput): Promise<NotificationPreferences | null>;
}

/**
 * The device's notification preferences (`GET`/`PUT /v1/devices/me/preferences`): read when the device is
 * given (or changes), saved with `save`. SSR-safe: nothing is fetched before the component mounts in a browser.
 * Keep `device` stable (state or memo): a new object with the same token does not read again.
 */
export function usePreferences(device: DeviceAuth | null): PreferencesState {
  const [state, setState] = useState<Omit<PreferencesState, "save">>({
    status: device ? "loading" : "idle",
    preferences: null,
    error: null,
  });
  const current = useRef(device);
  current.current = device;
  // Only the latest read or save may land: an earlier answer arriving late would show stale toggles.
  const generation = useRef(0);
  const key = device ? `${device.baseUrl}|${device.token}` : "";

  useEffect(() => {
    const id = ++generation.current;
    const target = current.current;
    if (!key || !target) {
      setState({ status: "idle", preferences: null, error: null });
      return;
    }
    setState((s) => ({ ...s, status: "loading", error: null }));
    getPreferences(target).then(
      (preferences) => {
        if (generation.current === id) setState({ status: "ready", preferences, error: null });
      },
      (error: unknown) => {
        if (generation.current === id) setState((s) => ({ ...s, status: "error", error: asError(error) }));
      },
    );
  }, [key]);

  const save = useCallback(async (next: PreferencesInput) => {
    const target = current.current;
    if (!target) return null;
    const id = ++generation.current;
    setState((s) => ({ ...s, status: "saving", error: null }));
    try {
      const preferences = await setPreferences(target, next);
      if (generation.current === id) setState({ status: "ready", preferences, error: null });
      return preferences;
    } catch (error) {
      if (generation.current === id) setState((s) => ({ ...s, status: "error", error: asError(error) }));
      return null;
    }
  }, []);

  return { ...state, save };
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
