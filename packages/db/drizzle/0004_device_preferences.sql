CREATE TABLE "device_preferences" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"goals" boolean DEFAULT true NOT NULL,
	"var" boolean DEFAULT true NOT NULL,
	"cards" boolean DEFAULT true NOT NULL,
	"substitutions" boolean DEFAULT false NOT NULL,
	"match_status" boolean DEFAULT true NOT NULL,
	"shootout" boolean DEFAULT true NOT NULL,
	"quiet_from" time,
	"quiet_to" time,
	"time_zone" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_preferences_quiet_hours" CHECK (("device_preferences"."quiet_from" is null and "device_preferences"."quiet_to" is null and "device_preferences"."time_zone" is null)
        or ("device_preferences"."quiet_from" is not null and "device_preferences"."quiet_to" is not null and "device_preferences"."time_zone" is not null and "device_preferences"."quiet_from" <> "device_preferences"."quiet_to"))
);
--> statement-breakpoint
ALTER TABLE "device_preferences" ADD CONSTRAINT "device_preferences_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;