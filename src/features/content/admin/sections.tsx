import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { contentPermissions } from '../permissions.ts';
import { searchResources } from '../resources.ts';
import {
  parseSectionForm,
  sectionFieldNames,
  sectionFormValues,
  type SectionFormChoices,
  type SectionFormValues,
} from '../section-forms.ts';
import { isSectionKind, readSection, sectionKindNames, type SectionKind } from '../sections.ts';
import {
  addSection,
  copySectionFromOtherLanguage,
  editSection,
  getPageDraft,
  listTopics,
  moveSection,
  removeSection,
  sectionsMissingHere,
  setSectionHidden,
  type Locale,
  type PageDraft,
} from '../service.ts';
import { askFirst, isConfirmed } from './confirmations.tsx';
import { afterWrite, formText, readForm, renderForm, type ContentScreens } from './requests.ts';
import { languageLabel, otherLanguage } from './views/common.tsx';
import { ChooseKindView, SectionFormView, SectionListView } from './views/sections.tsx';

const page = ':slug{[a-z0-9-]{1,80}}/:locale{en|es}';
const key = ':key{[a-z0-9-]{1,80}}';

/**
 * The section editor of one language of a page, mounted under /admin/content/pages: the list,
 * adding a section of a kind, editing, hiding, moving and removing one, and copying one the other
 * language has. Every change is a plain form post, so it works without JavaScript and by keyboard.
 */
export function sectionScreens(screens: ContentScreens): Hono<AdminEnv> {
  const { db, frame } = screens;
  const app = new Hono<AdminEnv>();
  const edit = frame.allow(contentPermissions.edit);
  const ref = (c: Context<AdminEnv>) => ({
    slug: c.req.param('slug')!,
    locale: c.req.param('locale') as Locale,
    key: c.req.param('key') ?? '',
  });
  const listPath = (slug: string, locale: Locale) => `/admin/content/pages/${slug}/${locale}/sections`;

  async function choices(): Promise<
    SectionFormChoices & { imageOptions: [string, string][]; resourceOptions: [string, string][] }
  > {
    const [targets, images, topics, resources] = await Promise.all([
      screens.sources.targets(),
      screens.sources.images.choices(),
      listTopics(db),
      searchResources(db, { locale: 'en', perPage: 200 }),
    ]);
    return {
      targets,
      imageIds: new Set(images.map((i) => i.id)),
      topics: topics.map((t) => t.slug),
      resources: resources.items.map((r) => r.slug),
      imageOptions: images.map((i) => [String(i.id), i.label]),
      resourceOptions: resources.items.map((r) => [r.slug, r.title]),
    };
  }

  app.get(`/${page}/sections`, async (c) => {
    const { slug, locale } = ref(c);
    const draft = await getPageDraft(db, slug, locale);
    if (!draft) return c.notFound();
    const other = await getPageDraft(db, slug, otherLanguage(locale));
    return frame.render(c, {
      title: `Sections: ${draft.title} (${languageLabel[locale]})`,
      current: 'content',
      body: (
        <SectionListView
          draft={draft}
          token={frame.csrfToken(c)}
          canEdit={contentPermissions.edit(c.get('staff')!)}
          missing={other ? sectionsMissingHere(draft.sections, other.sections) : []}
          otherLocale={otherLanguage(locale)}
        />
      ),
    });
  });

  // Choosing the kind is a GET form: the next screen is the kind's own form, nothing is written yet.
  app.get(`/${page}/sections/new`, edit, async (c) => {
    const { slug, locale } = ref(c);
    const draft = await getPageDraft(db, slug, locale);
    if (!draft) return c.notFound();
    const kind = c.req.query('kind') ?? '';
    if (!isSectionKind(kind))
      return frame.render(c, {
        title: `Add a section: ${draft.title}`,
        current: 'content',
        status: kind ? 400 : 200,
        body: <ChooseKindView draft={draft} error={kind ? 'Choose a kind of section' : undefined} />,
      });
    return sectionForm(c, draft, kind, undefined, { style: 'plain', limit: '3' }, {});
  });

  async function sectionForm(
    c: Context<AdminEnv>,
    draft: PageDraft,
    kind: SectionKind,
    sectionKey: string | undefined,
    values: SectionFormValues,
    errors: FieldErrors,
  ): Promise<Response> {
    const what = sectionKindNames[kind];
    return renderForm(c, screens, {
      heading: sectionKey ? `Edit section “${sectionKey}”` : `Add a section: ${what}`,
      errors,
      previewing: false,
      body: (
        <SectionFormView
          draft={draft}
          kind={kind}
          sectionKey={sectionKey}
          values={values}
          errors={errors}
          token={frame.csrfToken(c)}
          choices={await choices()}
        />
      ),
    });
  }

  /** The posted fields of a kind's form, and what they make (or why not). */
  async function readSectionForm(c: Context<AdminEnv>, kind: SectionKind) {
    const form = await readForm(c);
    const values = Object.fromEntries(sectionFieldNames(kind).map((name) => [name, formText(form, name)]));
    values.slugs = form
      .getAll('slugs')
      .filter((v) => typeof v === 'string')
      .join(' ');
    return { values, parsed: parseSectionForm(kind, values, await choices()) };
  }

  app.post(`/${page}/sections/new`, edit, async (c) => {
    const { slug, locale } = ref(c);
    const draft = await getPageDraft(db, slug, locale);
    if (!draft) return c.notFound();
    const kind = c.req.query('kind') ?? '';
    if (!isSectionKind(kind)) return c.redirect(`${listPath(slug, locale)}/new`, 303);
    const { values, parsed } = await readSectionForm(c, kind);
    if (!parsed.content) return sectionForm(c, draft, kind, undefined, values, parsed.errors);
    const outcome = await addSection(db, { slug, locale }, parsed.content, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, listPath(slug, locale), 'added');
    return result instanceof Response
      ? result
      : sectionForm(c, draft, kind, undefined, values, { [result.field]: result.message });
  });

  /**
   * The page and the section a request names, or undefined (404). `section` is undefined for a row
   * no kind reads (put back from a version older than the kinds): it can still be moved or removed.
   */
  async function found(c: Context<AdminEnv>) {
    const { slug, locale, key: sectionKey } = ref(c);
    const draft = await getPageDraft(db, slug, locale);
    const stored = draft?.sections.find((s) => s.key === sectionKey);
    return draft && stored ? { draft, stored, section: readSection(stored) } : undefined;
  }

  app.get(`/${page}/sections/${key}/edit`, async (c) => {
    const here = await found(c);
    if (!here?.section) return c.notFound();
    return sectionForm(c, here.draft, here.section.kind, here.section.key, sectionFormValues(here.section), {});
  });

  app.post(`/${page}/sections/${key}/edit`, edit, async (c) => {
    const here = await found(c);
    if (!here?.section) return c.notFound();
    const { slug, locale, key: sectionKey } = ref(c);
    const { values, parsed } = await readSectionForm(c, here.section.kind);
    if (!parsed.content) return sectionForm(c, here.draft, here.section.kind, sectionKey, values, parsed.errors);
    const outcome = await editSection(db, { slug, locale, key: sectionKey }, parsed.content, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, listPath(slug, locale), 'saved');
    if (result instanceof Response) return result;
    const field = result.field.startsWith('data.') ? result.field.slice(5) : result.field;
    return sectionForm(c, here.draft, here.section.kind, sectionKey, values, { [field]: result.message });
  });

  // One-button changes: each answers with the list again, the moved section's buttons in focus order.
  const quick = {
    hide: (r: ReturnType<typeof ref>, c: Context<AdminEnv>) => setSectionHidden(db, r, true, frame.actor(c)),
    show: (r: ReturnType<typeof ref>, c: Context<AdminEnv>) => setSectionHidden(db, r, false, frame.actor(c)),
    up: (r: ReturnType<typeof ref>, c: Context<AdminEnv>) => moveSection(db, r, 'up', frame.actor(c)),
    down: (r: ReturnType<typeof ref>, c: Context<AdminEnv>) => moveSection(db, r, 'down', frame.actor(c)),
    copy: (r: ReturnType<typeof ref>, c: Context<AdminEnv>) => copySectionFromOtherLanguage(db, r, frame.actor(c)),
  };
  const done = { hide: 'hidden', show: 'shown', up: 'moved', down: 'moved', copy: 'copied' } as const;
  for (const action of Object.keys(quick) as (keyof typeof quick)[]) {
    app.post(`/${page}/sections/${key}/${action}`, edit, async (c) => {
      const r = ref(c);
      const outcome = await quick[action](r, c);
      const back = `${listPath(r.slug, r.locale)}#section-${r.key}`;
      const result = await afterWrite(c, screens, outcome, listPath(r.slug, r.locale), done[action]);
      if (result instanceof Response) return c.redirect(`${result.headers.get('location')}#section-${r.key}`, 303);
      return frame.render(c, {
        title: 'Error: the section could not be changed',
        current: 'content',
        status: 409,
        body: (
          <>
            <h1>The section could not be changed</h1>
            <p class="notice" role="note">
              {result.message}
            </p>
            <p>
              <a href={back}>Back to the sections</a>
            </p>
          </>
        ),
      });
    });
  }

  const askToRemove = async (c: Context<AdminEnv>) => {
    const here = await found(c);
    if (!here) return c.notFound();
    const { slug, locale } = ref(c);
    const name = `“${here.stored.heading || here.stored.key}”`;
    return askFirst(c, screens, {
      title: `Remove the section ${name} from the ${languageLabel[locale]} page?`,
      consequences: [
        here.draft.published
          ? `It is no longer shown on the ${languageLabel[locale]} page “${here.draft.title}”.`
          : 'The page is a draft, so visitors see no change.',
        'Its earlier versions stay in the page’s history, so it can be put back from there. ' +
          'To take it off the page for now and keep it here, hide it instead.',
      ],
      action: `${listPath(slug, locale)}/${here.stored.key}/remove`,
      confirmLabel: 'Yes, remove it',
      cancelHref: listPath(slug, locale),
    });
  };
  app.get(`/${page}/sections/${key}/remove`, edit, askToRemove);
  app.post(`/${page}/sections/${key}/remove`, edit, async (c) => {
    if (!isConfirmed(await readForm(c))) return askToRemove(c);
    const r = ref(c);
    const outcome = await removeSection(db, r, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, listPath(r.slug, r.locale), 'removed');
    return result instanceof Response ? result : askToRemove(c);
  });

  return app;
}
