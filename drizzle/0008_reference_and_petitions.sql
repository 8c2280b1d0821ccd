CREATE TABLE "petitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"target" text NOT NULL,
	"en" jsonb NOT NULL,
	"es" jsonb,
	"goal" integer NOT NULL,
	"thresholds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petitions_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "petition_recounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" integer NOT NULL,
	"before" integer NOT NULL,
	"after" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_count_shards" (
	"petition_id" integer NOT NULL,
	"shard" smallint NOT NULL,
	"verified" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "petition_count_shards_petition_id_shard_pk" PRIMARY KEY("petition_id","shard")
);
--> statement-breakpoint
CREATE TABLE "petition_signatures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" integer NOT NULL,
	"supporter_id" integer NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"zip" text NOT NULL,
	"city" text,
	"street" text,
	"comment" text,
	"show_publicly" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"token_hash" text NOT NULL,
	"confirmations_sent" smallint DEFAULT 1 NOT NULL,
	"senate_district" text,
	"house_district" text,
	"district_source" text DEFAULT 'unknown' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"ip_hash" text,
	"email_domain" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "petition_signatures_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "petition_signing_blocks" (
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_signing_blocks_kind_value_pk" PRIMARY KEY("kind","value")
);
--> statement-breakpoint
CREATE TABLE "petition_signing_limits" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"per_ip_burst" integer DEFAULT 10 NOT NULL,
	"per_ip_per_hour" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legislative_districts" (
	"chamber" text NOT NULL,
	"district" text NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"svg_path" text NOT NULL,
	CONSTRAINT "legislative_districts_chamber_district_pk" PRIMARY KEY("chamber","district")
);
--> statement-breakpoint
CREATE TABLE "legislators" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"given_name" text DEFAULT '' NOT NULL,
	"family_name" text DEFAULT '' NOT NULL,
	"party" text DEFAULT '' NOT NULL,
	"chamber" text NOT NULL,
	"district" text NOT NULL,
	"email" text,
	"contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"source" text NOT NULL,
	"rows" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zip_areas" (
	"zip" text PRIMARY KEY NOT NULL,
	"counties" jsonb NOT NULL,
	"senate_districts" jsonb NOT NULL,
	"house_districts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "petition_count_shards" ADD CONSTRAINT "petition_count_shards_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_signatures" ADD CONSTRAINT "petition_signatures_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_signatures" ADD CONSTRAINT "petition_signatures_supporter_id_supporters_id_fk" FOREIGN KEY ("supporter_id") REFERENCES "public"."supporters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "petition_signatures_person_idx" ON "petition_signatures" USING btree ("petition_id","supporter_id");--> statement-breakpoint
CREATE INDEX "petition_signatures_list_idx" ON "petition_signatures" USING btree ("petition_id","status","created_at");--> statement-breakpoint
CREATE INDEX "petition_signatures_district_idx" ON "petition_signatures" USING btree ("petition_id","senate_district");--> statement-breakpoint
CREATE INDEX "petition_signatures_recent_idx" ON "petition_signatures" USING btree ("created_at");