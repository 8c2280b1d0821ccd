import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import type { FileStore } from '../../../platform/storage.ts';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import type { SectionSources } from '../section-extras.ts';
import { locales, type EditOutcome, type Locale } from '../service.ts';

/** What every content screen needs, built once in routes.tsx. */
export type ContentScreens = {
  db: Db;
  frame: AdminFrame;
  cache: PageCache;
  files: FileStore;
  uploadMaxBytes: number;
  /** What sections show besides their words (images, links, petitions), for the editor and previews. */
  sources: SectionSources;
};

export { formText, readForm } from '../../../platform/http/form-body.ts';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import type { z } from 'zod';
import { fieldErrors } from '../../../platform/web/forms.tsx';
import { newItemSlug } from '../inputs.ts';

/**
 * A policy or resource form as typed and checked: its fields, a new item's
 * address, and the form's own schema (given the typed words in the shape it
 * expects). `data` is there only when nothing was refused; `body` is the
 * whole form, for what the caller checks besides (a file).
 */
export async function readItemForm<T>(
  c: Context<AdminEnv>,
  form: {
    fields: readonly string[];
    isNew: boolean;
    parse: (values: Record<string, string>, body: FormData) => Promise<z.ZodSafeParseResult<T>>;
  },
) {
  const body = await readForm(c);
  const values = Object.fromEntries(
    [...form.fields, ...translationFieldNames, ...(form.isNew ? ['slug'] : [])].map((name) => [
      name,
      formText(body, name),
    ]),
  );
  const parsed = await form.parse({ ...values, ...translationInput(values) } as never, body);
  const slug = form.isNew ? newItemSlug.safeParse(values) : undefined;
  const errors: FieldErrors = {
    ...(slug && !slug.success ? fieldErrors(slug.error.issues) : {}),
    ...(parsed.success ? {} : fieldErrors(parsed.error.issues)),
  };
  const data = parsed.success && Object.keys(errors).length === 0 ? parsed.data : undefined;
  return { body, values, errors, data, slug: slug?.data?.slug, preview: wantsPreview(body) };
}

export function wantsPreview(form: FormData): boolean {
  return formText(form, 'intent') === 'preview';
}

/**
 * After a write: on success the public pages are rendered afresh (this
 * process at once; others within a second through the content version) and
 * the browser goes on with a notice; an item that vanished meanwhile is 404.
 * A refusal is returned for the screen to show next to its field.
 */
export async function afterWrite(
  c: Context<AdminEnv>,
  screens: ContentScreens,
  outcome: EditOutcome,
  next: string,
  notice: string,
): Promise<Response | Refusal> {
  if (outcome.ok) {
    screens.cache.invalidate();
    return c.redirect(`${next}?notice=${notice}`, 303);
  }
  if (outcome.problem === 'not-found') return c.notFound();
  return { field: outcome.field, message: outcome.message };
}

export type Refusal = { field: string; message: string };

/** The fields of the two languages in the policy and resource forms. */
export const translationFieldNames = locales.flatMap((l) => [`${l}.title`, `${l}.summary`, `${l}.bodyMd`]);

/** The typed words shaped as the form schemas expect: { en: {title, summary, bodyMd}, es: {…} }. */
export function translationInput(values: Record<string, string>) {
  return Object.fromEntries(
    locales.map((l) => [
      l,
      { title: values[`${l}.title`] ?? '', summary: values[`${l}.summary`] ?? '', bodyMd: values[`${l}.bodyMd`] ?? '' },
    ]),
  ) as Record<Locale, { title: string; summary: string; bodyMd: string }>;
}

/**
 * Renders a form screen: 400 with "Error:" leading the title when anything
 * was refused (screen readers hear it first), "Preview:" when previewing.
 */
export function renderForm(
  c: Context<AdminEnv>,
  screens: ContentScreens,
  page: { heading: string; errors: FieldErrors; previewing: boolean; body: Child },
): Promise<Response> {
  const failed = Object.values(page.errors).some(Boolean);
  return screens.frame.render(c, {
    title: `${failed ? 'Error: ' : ''}${page.previewing ? 'Preview: ' : ''}${page.heading}`,
    current: 'content',
    status: failed ? 400 : 200,
    body: page.body,
  });
}
