ALTER TABLE "match_quotas" DROP CONSTRAINT "match_quotas_device_id_devices_id_fk";
--> statement-breakpoint
ALTER TABLE "notification_log" DROP CONSTRAINT "notification_log_device_id_devices_id_fk";
--> statement-breakpoint
DROP INDEX "notification_log_status_idx";--> statement-breakpoint
DROP INDEX "follows_target_idx";--> statement-breakpoint
ALTER TABLE "follows" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
-- Hand-written: existing follows take their device's locale (drizzle-kit generates schema changes, not data).
UPDATE "follows" SET "locale" = "devices"."locale" FROM "devices" WHERE "devices"."id" = "follows"."device_id";--> statement-breakpoint
CREATE INDEX "follows_target_idx" ON "follows" USING btree ("kind","target_id","device_id","locale");