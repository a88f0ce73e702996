CREATE TYPE "public"."native_push_provider" AS ENUM('fcm', 'apns', 'expo');--> statement-breakpoint
CREATE TABLE "native_push_tokens" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"provider" "native_push_provider" NOT NULL,
	"token" text NOT NULL,
	"environment" text,
	"failure_count" integer DEFAULT 0 NOT NULL,
	"last_success_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "native_push_tokens_provider_token" UNIQUE("provider","token")
);
--> statement-breakpoint
ALTER TABLE "native_push_tokens" ADD CONSTRAINT "native_push_tokens_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;