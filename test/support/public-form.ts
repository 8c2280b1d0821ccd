import type { Hono } from 'hono';
import { expect } from 'vitest';
import { PUBLIC_FORM_MAX_BYTES } from '../../src/app/app.tsx';
import { solvedChallenge } from './form-challenge.ts';
import { answerTo } from './person-check.ts';

/** One random post to a public form, as the property tests of those forms generate them. */
export type PublicFormPost = {
  form: Record<string, string>;
  /** How the post answers the CSRF check: by the browser's origin, a valid or wrong token, or nothing. */
  csrf: 'same-origin' | 'valid' | 'missing' | 'wrong';
  address: string;
  /** Its proof of work: none, freshly solved, one used before, or garbage. */
  altcha: 'none' | 'solved' | 'replayed' | 'garbage';
  /**
   * Its answer to the question a busy address is asked (person-check.tsx): none, the right answer to the last
   * question a refused form showed (already spent, if it let a form in), or any token and answer at all.
   */
  person?: 'none' | 'answered' | { token: string; answer: string };
};

/**
 * Sends random posts to a public form (sign-up, petition signing) and checks
 * what every answer must be: never a 5xx; a 413 page, before anything else
 * reads it, for a body larger than any public form needs; a 403 before the
 * route for a missing or wrong token; any other refusal the form again with
 * its error summary. `model` counts the accepted posts that should have been kept
 * (a filled trap field is answered the same and keeps nothing) and the
 * proofs of work that should have been spent, for the test to compare with
 * the database.
 */
export async function publicFormPoster(app: Hono<any>, refusals: number[]) {
  const opened = await app.request('/join');
  const csrfCookie = opened.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await opened.text())![1]!;
  let lastSolved: string | undefined;
  let lastAsked: Record<string, string> | undefined;
  const model = { acted: 0, spent: 0 };

  async function send(path: string, { form, csrf, address, altcha, person }: PublicFormPost): Promise<void> {
    const body = new URLSearchParams(form);
    const answered = person === 'answered' && lastAsked !== undefined;
    if (answered) for (const [name, value] of Object.entries(lastAsked!)) body.set(name, value);
    if (typeof person === 'object') {
      body.set('person-check-token', person.token);
      body.set('person-check', person.answer);
    }
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': address,
    };
    if (csrf === 'valid' || csrf === 'wrong') headers.cookie = csrfCookie;
    if (csrf === 'valid') body.set('_csrf', csrfToken);
    if (csrf === 'wrong') body.set('_csrf', csrfToken.slice(1) + 'x');
    if (csrf === 'same-origin') headers['sec-fetch-site'] = 'same-origin';
    if (altcha === 'solved') {
      lastSolved = await solvedChallenge((p) => app.request(p));
      body.set('altcha', lastSolved);
    }
    if (altcha === 'replayed' && lastSolved) body.set('altcha', lastSolved);
    if (altcha === 'garbage')
      body.set(
        'altcha',
        Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true })).toString('base64'),
      );

    const res = await app.request(path, { method: 'POST', body, headers });
    const html = await res.text();
    expect(res.status).toBeLessThan(500);
    if (Buffer.byteLength(body.toString()) > PUBLIC_FORM_MAX_BYTES) {
      // Far more than the form's fields allow: refused unread, with the platform's page, and nothing kept.
      expect(res.status).toBe(413);
      expect(html).toMatch(/<title>(That is too large|Es demasiado grande)/);
      return;
    }
    expect(res.status).not.toBe(413);
    if (csrf === 'missing' || csrf === 'wrong') {
      // Refused before the route runs: the platform's page saying the form expired, nothing read or written.
      expect(res.status).toBe(403);
      return;
    }
    if (res.status >= 400) {
      expect(refusals).toContain(res.status);
      expect(html).toContain(`<form method="post" action="${path}"`);
      expect(html).toContain('<title>Error:');
      expect(html).toContain('class="error-summary"');
      if (html.includes('name="person-check-token"')) lastAsked = answerTo(html);
      return;
    }
    expect(res.status).toBe(200);
    if (!form.website) {
      model.acted += 1;
      // A right answer lets the form in by itself: it is spent, and a solution sent with it is not.
      if (answered || body.has('altcha')) model.spent += 1;
    }
  }

  return { send, model };
}
