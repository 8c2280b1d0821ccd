import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { newPageInput, pageFormInput } from '../inputs.ts';
import { contentPermissions } from '../permissions.ts';
import {
  addPageTranslation,
  createStaffPage,
  deletePage,
  getPageDraft,
  listPagesForStaff,
  savePage,
  setPagePublished,
  sectionWords,
  whyPageCannotBeDeleted,
  whyPageCannotBeUnpublished,
  type Editor,
  type Locale,
  type Page,
  type PageDraft,
} from '../service.ts';
import { afterWrite, formText, readForm, renderForm, wantsPreview, type ContentScreens } from './requests.ts';
import { askFirst, isConfirmed, pageGoneConsequence, pageLanguageName, refuseWithReason } from './confirmations.tsx';
import { loadSectionExtras } from '../section-extras.ts';
import { visibleSections } from '../views/PageView.tsx';
import { languageLabel } from './views/common.tsx';
import { NewPageView, PageDetailView, PageEditView, PageListView, type FormValues } from './views/pages.tsx';

const slug = ':slug{[a-z0-9-]{1,80}}';
const locale = ':locale{en|es}';

/** Pages and their sections, one language at a time; mounted at /admin/content/pages. */
export function pageScreens(screens: ContentScreens): Hono<AdminEnv> {
  const { db, frame } = screens;
  const app = new Hono<AdminEnv>();
  const can = (c: Context<AdminEnv>) => {
    const staff = c.get('staff')!;
    return {
      edit: contentPermissions.edit(staff),
      publish: contentPermissions.publish(staff),
      remove: contentPermissions.remove(staff),
    };
  };
  const params = (c: Context<AdminEnv>) => ({ slug: c.req.param('slug')!, locale: c.req.param('locale') as Locale });

  app.get('/', async (c) =>
    frame.render(c, {
      title: 'Pages',
      current: 'content',
      body: <PageListView pages={await listPagesForStaff(db)} canEdit={can(c).edit} />,
    }),
  );

  const newPage = (c: Context<AdminEnv>, values: FormValues, errors: FieldErrors) =>
    renderForm(c, screens, {
      heading: 'Add a page',
      errors,
      previewing: false,
      body: <NewPageView token={frame.csrfToken(c)} values={values} errors={errors} />,
    });

  app.get('/new', frame.allow(contentPermissions.edit), (c) => newPage(c, {}, {}));

  app.post('/new', frame.allow(contentPermissions.edit), async (c) => {
    const form = await readForm(c);
    const values = Object.fromEntries(
      ['slug', 'locale', 'title', 'description', 'bodyMd'].map((name) => [name, formText(form, name)]),
    );
    const parsed = newPageInput.safeParse(values);
    if (!parsed.success) return newPage(c, values, fieldErrors(parsed.error.issues));
    const outcome = await createStaffPage(db, parsed.data, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, `/admin/content/pages/${parsed.data.slug}`, 'created');
    return result instanceof Response ? result : newPage(c, values, { [result.field]: result.message });
  });

  app.get(`/${slug}`, async (c) => {
    const [page] = await listPagesForStaff(db, params(c).slug);
    if (!page) return c.notFound();
    const title = page.languages.en?.title ?? page.languages.es?.title ?? page.slug;
    return frame.render(c, {
      title,
      current: 'content',
      body: (
        <PageDetailView
          page={page}
          token={frame.csrfToken(c)}
          can={can(c)}
          timeZone={await frame.timeZone()}
          fixed={{ unpublish: whyPageCannotBeUnpublished(page.slug), delete: whyPageCannotBeDeleted(page.slug) }}
        />
      ),
    });
  });

  // "Add Spanish version": a draft copy of the other language to translate over.
  app.post(`/${slug}/${locale}/add`, frame.allow(contentPermissions.edit), async (c) => {
    const { slug, locale } = params(c);
    const outcome = await addPageTranslation(db, slug, locale, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, `/admin/content/pages/${slug}/${locale}/edit`, 'created');
    // Refused only when that language exists already: it can be edited.
    return result instanceof Response ? result : c.redirect(`/admin/content/pages/${slug}/${locale}/edit`, 303);
  });

  const editPage = async (
    c: Context<AdminEnv>,
    draft: PageDraft,
    values: FormValues,
    errors: FieldErrors,
    preview?: Page,
  ) => {
    // Whether this language lags behind the other, so a translator knows to compare.
    const [overview] = await listPagesForStaff(db, draft.slug);
    const extras = preview
      ? await loadSectionExtras(db, screens.sources, visibleSections(preview), draft.locale)
      : undefined;
    return renderForm(c, screens, {
      heading: `${draft.title} (${languageLabel[draft.locale]})`,
      errors,
      previewing: Boolean(preview),
      body: (
        <PageEditView
          draft={draft}
          status={overview?.status[draft.locale] ?? 'current'}
          values={values}
          errors={errors}
          token={frame.csrfToken(c)}
          readOnly={!can(c).edit}
          preview={preview && extras ? { page: preview, extras } : undefined}
        />
      ),
    });
  };

  // Viewers may read every language's words here; the form is then shown disabled.
  app.get(`/${slug}/${locale}/edit`, async (c) => {
    const draft = await getPageDraft(db, params(c).slug, params(c).locale);
    if (!draft) return c.notFound();
    return editPage(c, draft, editableValues(draft), {});
  });

  app.post(`/${slug}/${locale}/edit`, frame.allow(contentPermissions.edit), async (c) => {
    const { slug, locale } = params(c);
    const draft = await getPageDraft(db, slug, locale);
    if (!draft) return c.notFound();
    const form = await readForm(c);
    const values = Object.fromEntries(Object.keys(editableValues(draft)).map((name) => [name, formText(form, name)]));
    const parsed = pageFormInput.safeParse(structured(draft, values));
    const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (wantsPreview(form))
      return editPage(c, draft, values, errors, parsed.success ? previewPage(draft, values) : undefined);
    if (!parsed.success) return editPage(c, draft, values, errors);
    const outcome = await savePage(db, slug, locale, { ...parsed.data, sections: parsed.data.section }, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, `/admin/content/pages/${slug}/${locale}/edit`, 'saved');
    return result instanceof Response ? result : editPage(c, draft, values, { [result.field]: result.message });
  });

  app.post(`/${slug}/${locale}/publish`, frame.allow(contentPermissions.publish), async (c) => {
    const { slug, locale } = params(c);
    const outcome = await setPagePublished(db, slug, locale, true, frame.actor(c));
    const result = await afterWrite(c, screens, outcome, `/admin/content/pages/${slug}`, 'published');
    if (result instanceof Response) return result;
    // Refused: a visible quote says nobody's name. The reason names the section to fix.
    return refuseWithReason(c, screens, {
      title: `The ${languageLabel[locale]} page cannot be published yet`,
      reason: result.message,
      back: `/admin/content/pages/${slug}/${locale}/sections`,
    });
  });

  /**
   * Unpublish and delete: refused with the reason when the page cannot go
   * (the home page, the site's own pages), else asked first on a page that
   * says what visitors will see; only the form posted from there acts.
   */
  const steps = {
    unpublish: {
      allowed: frame.allow(contentPermissions.publish),
      blocked: whyPageCannotBeUnpublished,
      verb: 'Unpublish',
      done: 'unpublished',
      confirmLabel: 'Yes, unpublish it',
      first: (name: string, locale: Locale) =>
        `${capitalised(name)} will no longer be on the ${languageLabel[locale]} site.`,
      last: 'Nothing is deleted: you can publish it again at any time.',
      act: (slug: string, locale: Locale, editor: Editor) => setPagePublished(db, slug, locale, false, editor),
    },
    delete: {
      allowed: frame.allow(contentPermissions.remove),
      blocked: whyPageCannotBeDeleted,
      verb: 'Delete',
      done: 'deleted',
      confirmLabel: 'Yes, delete it',
      first: (name: string) => `${capitalised(name)} is removed from the site and from this workspace.`,
      last: 'Its earlier versions stay in the history, so it can be put back from there if this was a mistake.',
      act: (slug: string, locale: Locale, editor: Editor) => deletePage(db, slug, locale, editor),
    },
  };

  for (const action of ['unpublish', 'delete'] as const) {
    const step = steps[action];
    const ask = async (c: Context<AdminEnv>) => {
      const { slug, locale } = params(c);
      const [page] = await listPagesForStaff(db, slug);
      const version = page?.languages[locale];
      if (!page || !version) return c.notFound();
      const name = pageLanguageName(version.title, locale);
      const back = `/admin/content/pages/${slug}`;
      const blocked = step.blocked(slug);
      if (blocked)
        return refuseWithReason(c, screens, {
          title: `${capitalised(name)} cannot be ${step.done}`,
          reason: blocked,
          back,
        });
      const englishStays = locale === 'es' && Boolean(page.languages.en?.published);
      // A draft is not on the site: deleting it changes nothing visitors see.
      const gone = version.published ? [pageGoneConsequence(slug, locale, englishStays)] : [];
      return askFirst(c, screens, {
        title: `${step.verb} ${name}?`,
        consequences: [step.first(name, locale), ...gone, step.last],
        action: `${back}/${locale}/${action}`,
        confirmLabel: step.confirmLabel,
        cancelHref: back,
      });
    };
    app.get(`/${slug}/${locale}/${action}`, step.allowed, ask);
    app.post(`/${slug}/${locale}/${action}`, step.allowed, async (c) => {
      const { slug, locale } = params(c);
      if (!isConfirmed(await readForm(c)) || step.blocked(slug)) return ask(c);
      const outcome = await step.act(slug, locale, frame.actor(c));
      const [rest] = outcome.ok ? await listPagesForStaff(db, slug) : [];
      const next = rest ? `/admin/content/pages/${slug}` : '/admin/content/pages';
      const result = await afterWrite(c, screens, outcome, next, step.done);
      return result instanceof Response ? result : ask(c);
    });
  }

  return app;
}

/** The form's fields and their stored values: the page's words and each section's. */
function editableValues(draft: PageDraft): FormValues {
  const fields: FormValues = { title: draft.title, description: draft.description, bodyMd: draft.bodyMd };
  for (const s of draft.sections) {
    fields[`section.${s.key}.heading`] = s.heading;
    fields[`section.${s.key}.bodyMd`] = s.bodyMd;
    for (const [name, value] of Object.entries(sectionWords(s.data))) fields[`section.${s.key}.data.${name}`] = value;
  }
  return fields;
}

/** Flat field values shaped as pageFormInput expects, so its errors name the fields. */
function structured(draft: PageDraft, values: FormValues) {
  return {
    title: values.title,
    description: values.description,
    bodyMd: values.bodyMd,
    section: Object.fromEntries(
      draft.sections.map((s) => {
        const name = `section.${s.key}`;
        const data = Object.fromEntries(
          Object.keys(sectionWords(s.data)).map((field) => [field, values[`${name}.data.${field}`] ?? '']),
        );
        return [s.key, { heading: values[`${name}.heading`], bodyMd: values[`${name}.bodyMd`], data }];
      }),
    ),
  };
}

/** The page as typed, for the public views to render in the preview panel. */
function previewPage(draft: PageDraft, values: FormValues): Page {
  const typed = structured(draft, values);
  const now = new Date();
  return {
    id: 0,
    slug: draft.slug,
    locale: draft.locale,
    title: typed.title ?? '',
    description: typed.description ?? '',
    bodyMd: typed.bodyMd ?? '',
    published: draft.published,
    createdAt: now,
    updatedAt: now,
    isFallback: false,
    sections: draft.sections.map((s, index) => {
      const words = typed.section[s.key]!;
      return {
        ...s,
        hidden: s.hidden ?? false,
        id: index,
        pageId: 0,
        heading: words.heading ?? '',
        bodyMd: words.bodyMd ?? '',
        data: { ...s.data, ...words.data },
        createdAt: now,
        updatedAt: now,
      };
    }),
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
