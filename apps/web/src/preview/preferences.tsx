import {
  DEFAULT_PREFERENCES,
  type Delivery,
  deliveryOf,
  EVENT_CATALOGUE,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationPreferences,
  type PublishedEvent,
} from "@buzz/schema/contract";
import { useId, useState } from "react";
import { describeEvent, eventMinute } from "../format/index.js";

const CATEGORY: Record<NotificationCategory, string> = {
  goals: "Goals",
  var: "VAR",
  cards: "Cards",
  substitutions: "Substitutions",
  match_status: "Kick-off, half-time, full-time",
  shootout: "Penalty shoot-out",
};

const OUTCOME: Record<Delivery, string> = {
  push: "sent",
  silent: "sent silently (quiet hours)",
  off: "not sent: category off",
  quiet: "not sent: quiet hours",
  never: "never pushed",
};

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
const HHMM = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;

/**
 * What a fan's preferences (contract v1.1 "Fans choose") let through of this match: the toggles and quiet hours
 * a device can PUT, and for each event that notifies, whether that device would get it, silently, or not at all
 * — the rules routing applies (deliveryOf, at the time the event happened, in the chosen time zone).
 */
export function PreferencesPreview({ events }: { events: readonly PublishedEvent[] }) {
  const [categories, setCategories] = useState(DEFAULT_PREFERENCES.categories);
  const [quiet, setQuiet] = useState({ on: false, from: "23:00", to: "07:00", time_zone: "Europe/Paris" });
  const ids = useId();
  const zoneOk = validZone(quiet.time_zone);
  const windowOk = HHMM.test(quiet.from) && HHMM.test(quiet.to) && quiet.from !== quiet.to;
  const prefs: NotificationPreferences = {
    categories,
    quiet_hours:
      quiet.on && zoneOk && windowOk ? { from: quiet.from, to: quiet.to, time_zone: quiet.time_zone } : null,
  };
  const outcomes = events.map((e) => ({
    event: e,
    delivery: deliveryOf(prefs, e.event_type, new Date(e.occurred_at)),
  }));
  const sent = outcomes.filter((o) => o.delivery === "push" || o.delivery === "silent").length;
  return (
    <section aria-labelledby={`${ids}-title`} className="preferences-preview">
      <h3 id={`${ids}-title`}>What a fan's preferences let through</h3>
      <fieldset>
        <legend>Categories</legend>
        {NOTIFICATION_CATEGORIES.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={categories[c]}
              onChange={(e) => setCategories({ ...categories, [c]: e.target.checked })}
            />{" "}
            {CATEGORY[c]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Quiet hours (only goals, silently)</legend>
        <label>
          <input
            type="checkbox"
            checked={quiet.on}
            onChange={(e) => setQuiet({ ...quiet, on: e.target.checked })}
          />{" "}
          On
        </label>
        <label>
          From{" "}
          <input
            aria-label="Quiet from"
            value={quiet.from}
            onChange={(e) => setQuiet({ ...quiet, from: e.target.value })}
          />
        </label>
        <label>
          To{" "}
          <input
            aria-label="Quiet to"
            value={quiet.to}
            onChange={(e) => setQuiet({ ...quiet, to: e.target.value })}
          />
        </label>
        <label>
          Time zone{" "}
          <input
            aria-label="Time zone"
            value={quiet.time_zone}
            onChange={(e) => setQuiet({ ...quiet, time_zone: e.target.value })}
          />
        </label>
        {quiet.on && !zoneOk && <p role="alert">Unknown time zone: the server would refuse it (422).</p>}
        {quiet.on && zoneOk && !windowOk && (
          <p role="alert">From and To must be two different HH:MM times.</p>
        )}
      </fieldset>
      <p data-testid="preferences-summary">
        {sent} of {outcomes.length} notifications of this match would reach this fan.
      </p>
      <ul className="deliveries" data-testid="deliveries">
        {outcomes.map(({ event, delivery }) => (
          <li
            key={event.event_id}
            data-delivery={delivery}
            data-category={EVENT_CATALOGUE[event.event_type].category}
          >
            #{event.sequence_number} {eventMinute(event) ?? ""} {describeEvent(event)} — {OUTCOME[delivery]}
          </li>
        ))}
      </ul>
    </section>
  );
}
