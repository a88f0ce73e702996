import type { Status } from "@buzz/client-sdk";

const LABEL: Record<Status, string> = {
  connecting: "connecting…",
  live: "live",
  recovering: "reconnecting…",
  offline: "offline",
  failed: "unavailable",
};

/** The live feed's state, in words (not only a colour). */
export function ConnectionBadge({ status }: { status: Status }) {
  return (
    <span className={`conn conn-${status}`} data-testid="connection">
      <span aria-hidden="true" className="dot" /> {LABEL[status]}
    </span>
  );
}
