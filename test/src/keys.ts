/** Keys the e2e stack is started with. `dev-source` is the contract's local key. */
export interface SourceKey {
  id: string;
  secret: string;
  systems: string[];
  matches: string[];
}

export const ADMIN_TOKEN = "dev-admin-token";
export const DEV_KEY: SourceKey = {
  id: "dev-source",
  secret: "dev-source-secret",
  systems: ["*"],
  matches: ["*"],
};
/** A key limited to one source system and one id prefix, for the 403 cases. */
export const RESTRICTED_KEY: SourceKey = {
  id: "e2e-hawkeye",
  secret: "e2e-hawkeye-secret",
  systems: ["HAWKEYE"],
  matches: ["e2e-hawkeye-*"],
};

/** How long after publication a room's sweeper treats an unarchived event as lost (sweeper.test.ts). */
export const ARCHIVE_DEADLINE_MS = 5_000;

/** The alert rules' window in the e2e stack: production's minute would make alerts.test.ts wait minutes. */
export const ALERT_WINDOW_MS = 4_000;
