ALTER TABLE "notification_log" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "notification_log" ADD COLUMN "claimed_until" timestamp with time zone;