import { useLiveMatches } from "@buzz/client-sdk/react";
import {
  bypassesMatchCap,
  renderNotification,
  SUPPORTED_LOCALES,
  tagOf,
  topicOf,
  ttlOf,
} from "@buzz/notifications";
import { notifies, type PublishedEvent, urgencyOf } from "@buzz/schema/contract";
import { useId, useState } from "react";
import { href } from "../app/route.js";
import { describeEvent, eventMinute } from "../format/index.js";
import { useMatchLog } from "../match/useMatchLog.js";
import { PreferencesPreview } from "./preferences.js";
import { scoreAt } from "./score-at.js";

const LANGUAGE: Record<(typeof SUPPORTED_LOCALES)[number], string> = {
  fr: "French",
  en: "English",
  es: "Spanish",
  de: "German",
  ar: "Arabic",
};

/** What the push for an event looks like on a phone, in every locale the pipeline writes. */
export function PreviewPage({ matchId }: { matchId?: string }) {
  const { matches } = useLiveMatches();
  const selectId = useId();
  const chosen = matchId ?? matches[0]?.match_id;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">Notification preview</h2>
      <div className="toolbar">
        <label htmlFor={selectId}>Match</label>
        <select
          id={selectId}
          value={chosen ?? ""}
          onChange={(e) => (window.location.hash = href.preview(e.target.value))}
        >
          {chosen && !matches.some((m) => m.match_id === chosen) && <option value={chosen}>{chosen}</option>}
          {matches.map((m) => (
            <option key={m.match_id} value={m.match_id}>
              {m.home.name} – {m.away.name} · {m.match_id}
            </option>
          ))}
        </select>
      </div>
      {chosen ? <MatchPreview key={chosen} matchId={chosen} /> : <p className="muted">No matches yet.</p>}
    </section>
  );
}

function MatchPreview({ matchId }: { matchId: string }) {
  const { state, events } = useMatchLog(matchId);
  const [picked, setPicked] = useState<string>();
  const eventId = useId();
  const candidates = events.filter(notifies);
  const event = candidates.find((e) => e.event_id === picked) ?? candidates.at(-1);
  if (!state) return <p className="muted">Loading {matchId}…</p>;
  if (!event) return <p className="muted">No event of this match notifies anyone yet (shots never do).</p>;
  return (
    <>
      <div className="toolbar">
        <label htmlFor={eventId}>Event</label>
        <select id={eventId} value={event.event_id} onChange={(e) => setPicked(e.target.value)}>
          {candidates
            .slice()
            .reverse()
            .map((e) => (
              <option key={e.event_id} value={e.event_id}>
                #{e.sequence_number} {eventMinute(e) ?? ""} {describeEvent(e)}
              </option>
            ))}
        </select>
      </div>
      <PushFacts
        event={event}
        replaces={candidates
          .filter((e) => e.sequence_number < event.sequence_number && tagOf(e) === tagOf(event))
          .at(-1)}
      />
      <ul className="phones" data-testid="previews">
        {SUPPORTED_LOCALES.map((locale) => {
          const n = renderNotification(event, locale, {
            baseUrl: window.location.origin,
            teams: { home: state.home.name, away: state.away.name },
            score: scoreAt(events, event.sequence_number),
          });
          return (
            <li key={locale} className="phone">
              <h3 className="phone-label">{LANGUAGE[locale]}</h3>
              {n && (
                <div className="push" lang={n.lang} dir={n.dir} data-locale={locale}>
                  <div className="push-app" aria-hidden="true">
                    <span className="push-icon">B</span> Buzz · now
                  </div>
                  <p className="push-title">{n.title}</p>
                  <p className="push-body">{n.body}</p>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <PreferencesPreview events={candidates} />
    </>
  );
}

/** The Web Push headers the pipeline will send with it, and whether it can replace an earlier one. */
function PushFacts({ event, replaces }: { event: PublishedEvent; replaces: PublishedEvent | undefined }) {
  const tag = tagOf(event);
  return (
    <dl className="figures push-facts">
      <div>
        <dt>Tag</dt>
        <dd>
          <code>{tag}</code>
        </dd>
      </div>
      <div>
        <dt>Topic</dt>
        <dd>
          <code>{topicOf(tag)}</code>
        </dd>
      </div>
      <div>
        <dt>Urgency</dt>
        <dd>{urgencyOf(event)}</dd>
      </div>
      <div>
        <dt>TTL</dt>
        <dd>{ttlOf(event)} s</dd>
      </div>
      <div>
        <dt>Per-match cap</dt>
        <dd>{bypassesMatchCap(event) ? "always sent" : "counts toward the cap of 10"}</dd>
      </div>
      <div>
        <dt>On the phone</dt>
        <dd>
          {replaces ? `replaces the push of #${replaces.sequence_number} (same tag)` : "a new notification"}
        </dd>
      </div>
    </dl>
  );
}
