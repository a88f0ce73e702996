-- Hand-written (drizzle-kit has no table storage parameters): every event bumps the quota row of each of its
-- recipients, 100 000 of them for a goal. Half-empty pages let those updates stay on the row's page (HOT) instead
-- of adding a new entry to the primary key each time. Pages already full take it as they are rewritten.
ALTER TABLE "match_quotas" SET (fillfactor = 50);
