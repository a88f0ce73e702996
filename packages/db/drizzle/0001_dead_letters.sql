CREATE TABLE "dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"queue" text NOT NULL,
	"source_queue" text NOT NULL,
	"message_id" text NOT NULL,
	"body" text NOT NULL,
	"reason" text,
	"issues" jsonb,
	"attempts" integer,
	"event_id" uuid,
	"state" text DEFAULT 'dead' NOT NULL,
	"enqueued_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"redriven_at" timestamp with time zone,
	CONSTRAINT "dead_letters_queue_message" UNIQUE("queue","message_id")
);
--> statement-breakpoint
CREATE INDEX "dead_letters_state_queue_idx" ON "dead_letters" USING btree ("state","queue","first_seen_at");