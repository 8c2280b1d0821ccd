ALTER TABLE "page_sections" ADD COLUMN "hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Sections become kinds a page is built from (src/features/content/sections.ts). Today's home-page
-- kinds are rewritten as those kinds: a link's address becomes what it leads to, so a renamed or
-- closed page, list or petition is followed rather than linked to as it was.
CREATE FUNCTION groundswell_section_link(href text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN href IS NULL OR href = '' THEN 'null'::jsonb
    WHEN href ~ '^https?://' THEN jsonb_build_object('kind', 'url', 'url', href)
    WHEN href = '/join' THEN jsonb_build_object('kind', 'list', 'ref', 'join')
    WHEN href IN ('/policies', '/resources') THEN jsonb_build_object('kind', 'list', 'ref', substr(href, 2))
    WHEN href ~ '^/petitions/[a-z0-9-]+$' THEN jsonb_build_object('kind', 'petition', 'ref', substr(href, 12))
    WHEN href ~ '^/policies/[a-z0-9-]+$' THEN jsonb_build_object('kind', 'policy', 'ref', substr(href, 11))
    WHEN href ~ '^/resources/[a-z0-9-]+$' THEN jsonb_build_object('kind', 'resource', 'ref', substr(href, 12))
    WHEN href = '/' THEN jsonb_build_object('kind', 'page', 'ref', 'home')
    WHEN href ~ '^/[a-z0-9-]+$' THEN jsonb_build_object('kind', 'page', 'ref', substr(href, 2))
    ELSE 'null'::jsonb
  END
$$;
--> statement-breakpoint
-- A "…-intro" and the value or pillar cards after it become one cards section.
UPDATE "page_sections" AS intro SET
  "kind" = 'cards',
  "data" = jsonb_build_object('cards', coalesce((
    SELECT jsonb_agg(jsonb_build_object('title', c."heading", 'text', c."body_md", 'imageId', NULL) ORDER BY c."position")
    FROM "page_sections" AS c
    WHERE c."page_id" = intro."page_id"
      AND c."kind" = CASE intro."kind" WHEN 'values-intro' THEN 'value' ELSE 'pillar' END
  ), '[]'::jsonb))
WHERE intro."kind" IN ('values-intro', 'change-intro');
--> statement-breakpoint
DELETE FROM "page_sections" AS c
WHERE (c."kind" = 'value' AND EXISTS (
    SELECT 1 FROM "page_sections" i WHERE i."page_id" = c."page_id" AND i."key" = 'values-intro'))
  OR (c."kind" = 'pillar' AND EXISTS (
    SELECT 1 FROM "page_sections" i WHERE i."page_id" = c."page_id" AND i."key" = 'change-intro'));
--> statement-breakpoint
-- A card with no intro before it is a cards section of one.
UPDATE "page_sections" SET
  "kind" = 'cards',
  "data" = jsonb_build_object('cards', jsonb_build_array(
    jsonb_build_object('title', "heading", 'text', "body_md", 'imageId', NULL))),
  "heading" = '',
  "body_md" = ''
WHERE "kind" IN ('value', 'pillar');
--> statement-breakpoint
UPDATE "page_sections" SET "kind" = 'figure',
  "data" = jsonb_build_object('figure', coalesce("data"->>'figure', ''), 'caption', coalesce("data"->>'figureLabel', ''))
WHERE "kind" = 'impact';
--> statement-breakpoint
UPDATE "page_sections" SET "kind" = 'quote',
  "data" = jsonb_build_object('attribution', coalesce("data"->>'attribution', ''))
WHERE "kind" = 'testimonial';
--> statement-breakpoint
-- The newsletter's button said "Sign up for our email" in the page's language; it is now the section's words.
UPDATE "page_sections" AS s SET "kind" = 'cta',
  "data" = jsonb_build_object('link', jsonb_build_object('kind', 'list', 'ref', 'join'),
    'linkLabel', CASE p."locale" WHEN 'es' THEN 'Suscríbete a nuestros correos' ELSE 'Sign up for our email' END)
FROM "pages" AS p
WHERE s."page_id" = p."id" AND s."kind" = 'newsletter-cta';
--> statement-breakpoint
UPDATE "page_sections" SET "kind" = 'cta',
  "data" = jsonb_build_object('link', groundswell_section_link("data"->>'href'),
    'linkLabel', coalesce("data"->>'linkLabel', "heading"))
WHERE "kind" = 'petition-cta';
--> statement-breakpoint
UPDATE "page_sections" SET "kind" = 'text',
  "data" = jsonb_build_object('style', 'plain', 'link', groundswell_section_link("data"->>'href'),
    'linkLabel', coalesce("data"->>'linkLabel', "heading"))
WHERE "kind" = 'teaser';
--> statement-breakpoint
UPDATE "page_sections" SET "kind" = 'hero',
  "data" = jsonb_build_object('imageId', NULL, 'link', NULL, 'linkLabel', '')
WHERE "kind" = 'hero';
--> statement-breakpoint
-- Tips are numbered steps, a note is set apart; every other kind a page had is text.
UPDATE "page_sections" SET
  "data" = jsonb_build_object('style', CASE "kind" WHEN 'tip' THEN 'step' WHEN 'note' THEN 'note' ELSE 'plain' END,
    'link', NULL, 'linkLabel', ''),
  "kind" = 'text'
WHERE "kind" NOT IN ('hero', 'text', 'cards', 'figure', 'quote', 'cta', 'image', 'resources', 'petition-progress')
  OR ("kind" = 'text' AND ("data"->>'style') IS NULL);
--> statement-breakpoint
DROP FUNCTION groundswell_section_link(text);
