-- The per-match cap has been counted from notification_log since 0008, and nothing of the release before this
-- one (0013 emptied the table and took it out of the device purge) reads or writes match_quotas.
DROP TABLE "match_quotas" CASCADE;