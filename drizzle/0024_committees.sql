CREATE TABLE "committee_members" (
	"committee_id" text NOT NULL,
	"legislator_id" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	CONSTRAINT "committee_members_committee_id_legislator_id_pk" PRIMARY KEY("committee_id","legislator_id")
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"chamber" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE cascade ON UPDATE no action;