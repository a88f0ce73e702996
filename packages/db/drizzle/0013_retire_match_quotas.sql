-- Custom (drizzle-kit generate --custom). match_quotas has been read and written by nothing since 0008; the device
-- purge of the release before this one still deletes a device's rows, so the table stays until the next release
-- drops it. Emptied here, so no count of a device deleted meanwhile outlives it (this release's purge leaves the
-- table alone).
TRUNCATE TABLE "match_quotas";
