import type { Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { BackLink } from '../../../platform/web/components.tsx';
import type { Locale } from '../service.ts';
import { formText, type ContentScreens } from './requests.ts';
import { languageLabel } from './views/common.tsx';

/**
 * What stands between a click and a change visitors notice: the page that
 * asks first, and the page that says why something cannot be done. An
 * unpublish or a delete posted without `confirmed=yes` (a first click, or a
 * form from an old tab) shows the question and changes nothing.
 */
export function isConfirmed(form: FormData): boolean {
  return formText(form, 'confirmed') === 'yes';
}

export type Question = {
  /** "Unpublish the English page “About us”?" */
  title: string;
  consequences: readonly string[];
  action: string;
  confirmLabel: string;
  cancelHref: string;
};

export function askFirst(c: Context<AdminEnv>, screens: ContentScreens, question: Question): Promise<Response> {
  return screens.frame.render(c, {
    title: question.title,
    current: 'content',
    body: <ConfirmationPage {...question} token={screens.frame.csrfToken(c)} destructive />,
  });
}

/** 409: the thing is there, but this cannot be done to it; the reason, and the way back. */
export function refuseWithReason(
  c: Context<AdminEnv>,
  screens: ContentScreens,
  page: { title: string; reason: string; back: string },
): Promise<Response> {
  return screens.frame.render(c, {
    title: page.title,
    current: 'content',
    status: 409,
    body: (
      <>
        <BackLink href={page.back}>Back</BackLink>
        <h1>{page.title}</h1>
        <p class="notice" role="note">
          {page.reason}
        </p>
      </>
    ),
  });
}

/** Where a page is on the public site in a language: "/about", "/es/about"; the home page is "/" or "/es". */
export function publicPagePath(slug: string, locale: Locale): string {
  const path = slug === 'home' ? '' : `/${slug}`;
  return locale === 'en' ? path || '/' : `/es${path}`;
}

/**
 * What visitors reading `locale` see once that language of a page is off
 * the site, given whether the other language stays published. Spanish
 * readers fall back to the English page; English readers have no fallback.
 */
export function pageGoneConsequence(slug: string, locale: Locale, englishStaysPublished: boolean): string {
  const path = publicPagePath(slug, locale);
  if (locale === 'es' && englishStaysPublished)
    return `Visitors reading Spanish at ${path} will see the English version instead.`;
  return `Visitors who open ${path} will see “Page not found”, and links to it from other pages will lead there.`;
}

/** "the English version of “About us”" */
export function pageLanguageName(title: string, locale: Locale): string {
  return `the ${languageLabel[locale]} version of “${title}”`;
}

/** What unpublishing a policy or resource does to the public site. */
export function itemGoneConsequences(kind: 'policy' | 'resource', slug: string): string[] {
  const list = kind === 'policy' ? 'policies' : 'resources';
  return [
    `It leaves the list of ${list} in both languages.`,
    `Visitors who open /${list}/${slug} or /es/${list}/${slug} will see “Page not found”.`,
    ...(kind === 'resource' ? ['Its file, if it has one, can no longer be downloaded by visitors.'] : []),
  ];
}
