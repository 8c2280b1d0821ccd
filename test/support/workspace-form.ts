import { sql } from 'drizzle-orm';
import * as fc from 'fast-check';
import { expect } from 'vitest';
import { rowsOf, type Database } from '../../src/platform/db/client.ts';
import { tablesOf } from '../../src/platform/db/copy.ts';
import { formControls, type FormControl } from './form-fields.ts';
import { propertyRuns, runsOn } from './property-runs.ts';
import type { Browser } from './staff.ts';

/**
 * Hostile posts to the workspace's forms, as the property tests of those
 * forms send them. Each case names a screen and the form on it; the fields
 * are the form's own (read from the page, so a field added later is covered
 * without touching the test): either each one left as the page filled it,
 * left out, or replaced by hostile text, or the form as filled (with the
 * case's valid values) but for one hostile field. What every answer must be:
 *  - never a 5xx;
 *  - a refusal (4xx) is the same form again, titled "Error:", with a message,
 *    and every visible text field as it was typed (escaped);
 *  - a refusal writes nothing: every table but the bookkeeping ones reads the
 *    same before and after.
 */
export type WorkspaceFormCase = {
  /** The page that shows the form. */
  screen: string;
  /** The form's action; also where the post goes. */
  action: string;
  /** Which of the page's forms with this action, when it has several (0, the first, unless said). */
  nth?: number;
  /** Visible fields whose value a refusal need not show back (one-time codes). */
  notKept?: string[];
  /** Fields added to what the page has, as a hand-made request might. */
  extra?: Record<string, fc.Arbitrary<string>>;
  /**
   * Values that make the form acceptable where the page leaves
   * fields empty: the base into which one hostile field goes.
   */
  valid?: Record<string, string> | (() => Record<string, string>);
  /**
   * A refusal answered with another form instead (too many wrong
   * codes: the sign-in form, at 429), checked for that form.
   */
  elsewhere?: { status: number; action: string };
  /** Tables besides the bookkeeping ones that a refusal may write (a count of failed second steps). */
  refusalWrites?: string[];
};

/**
 * Tables a refused form may still write: sessions and throttles
 * (sign-in counts refusals), and the audit of refusals.
 */
// person_changes is kept by triggers, like the audit log a record of when (ADR 073): a merge and its undo move its times on.
const BOOKKEEPING = ['staff_sessions', 'sign_in_failures', 'audit_log', 'person_changes'];

/**
 * Text of every kind: NUL and other controls, lone surrogates,
 * markup, Unicode, whitespace, and far longer than any field allows.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\u0007\u001b[2J',
    '\r\n\t',
    '\u202e\u200b',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'; drop table staff_users; --",
    '&amp;',
    '%00',
    '0',
    '-1',
    '1e309',
    'NaN',
  ),
  fc
    .tuple(fc.constantFrom('a', 'é', '<', ' ', '\u0000', '\ud800', '\n'), fc.integer({ min: 250, max: 2100 }))
    .map(([ch, n]) => ch.repeat(n)),
  fc.tuple(fc.constantFrom('👩🏽‍⚖️', '𝒜'), fc.integer({ min: 100, max: 300 })).map(([ch, n]) => ch.repeat(n)),
);

/**
 * A value as a browser would send it, byte for byte: UTF-8, except that a
 * lone surrogate is sent as the three bytes WTF-8 gives it, as a broken
 * client might (URLSearchParams would have mended it first).
 */
function encodeValue(value: string): { wire: string; received: string } {
  const bytes: number[] = [];
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff)
      bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  const buffer = Buffer.from(bytes);
  return {
    wire: [...buffer].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
    received: new TextDecoder().decode(buffer),
  };
}

/** As hono/jsx escapes text and attributes. */
const escaped = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * Every row of every table, as one fingerprint per table (bookkeeping tables
 * left out): the row count and the sum of the rows' hashes, read in one
 * statement, so a run costs milliseconds rather than a sort of every table.
 */
export async function databaseFingerprint(
  database: Database,
  skip: readonly string[] = BOOKKEEPING,
): Promise<Record<string, string>> {
  const tables = await tablesOf(database.db);
  const parts = tables
    .filter((name) => !skip.includes(name) && !name.startsWith('__drizzle'))
    .map(
      (name) =>
        sql`select ${name} as name, count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) as f
          from ${sql.identifier(name)} t`,
    );
  const rows = await rowsOf<{ name: string; f: string }>(database.db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.name, r.f]));
}

/**
 * Posts arbitrary versions of one workspace form and checks
 * each answer. `accepted` counts the posts that went through.
 */
export async function workspaceFormPoster(b: Browser, database: Database, form: WorkspaceFormCase) {
  const page = await b.request(form.screen);
  const html = await page.text();
  expect(page.status, `${form.screen} should show the form`).toBe(200);
  const controls = formControls(html, form.action, form.nth);
  let token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  /** The token is bound to the session: read it again after anything that may have started a new one. */
  async function refreshToken() {
    const again = await (await b.request(form.screen)).text();
    token = /name="_csrf" value="([^"]+)"/.exec(again)?.[1] ?? token;
  }
  const stats = { accepted: 0, refused: 0 };
  const skip = [...BOOKKEEPING, ...(form.refusalWrites ?? [])];

  const asFilled = (control: FormControl) =>
    control.kind === 'checkbox' && !control.checked ? undefined : control.value;
  /** Each field: as the page filled it, left out, or hostile. */
  const fieldValue = (control: FormControl) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(asFilled(control)) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: hostileText },
    );
  const extras = Object.entries(form.extra ?? {}).map(([name, a]) => [name, fc.option(a, { nil: undefined })] as const);
  const everyField = fc.record(
    Object.fromEntries([...controls.map((c) => [c.name, fieldValue(c)] as const), ...extras]),
  );
  // The form as the page filled it but for one hostile field: a post that would otherwise be saved, so the
  // hostile value reaches the service and the database instead of being refused with another field.
  const oneField =
    controls.length === 0
      ? everyField
      : fc
          .tuple(fc.constantFrom(...controls.map((c) => c.name)), hostileText, fc.record(Object.fromEntries(extras)))
          .map(([name, value, extra]) => ({
            ...Object.fromEntries(controls.map((c) => [c.name, asFilled(c)])),
            ...(typeof form.valid === 'function' ? form.valid() : form.valid),
            ...extra,
            [name]: value,
          }));
  const arbitrary = fc.oneof(everyField, oneField) as fc.Arbitrary<Record<string, string | undefined>>;
  // Besides the random runs, a NUL in each typed field of an otherwise valid form, every time: PostgreSQL
  // answers NUL in text with an error, and random runs reached a field that let one through only now and then.
  const nulInEachField = controls
    .filter((c) => c.kind === 'text' || c.kind === 'textarea')
    .map((c): [Record<string, string | undefined>] => [
      {
        ...Object.fromEntries(controls.map((each) => [each.name, asFilled(each)])),
        ...(typeof form.valid === 'function' ? form.valid() : form.valid),
        [c.name]: 'a\u0000b',
      },
    ]);

  async function send(values: Record<string, string | undefined>): Promise<void> {
    const sent = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined);
    const encoded = sent.map(([name, value]) => ({ name, ...encodeValue(value) }));
    const body = [
      `_csrf=${encodeURIComponent(token)}`,
      ...encoded.map((f) => `${encodeURIComponent(f.name)}=${f.wire}`),
    ].join('&');
    // Kept well under the workspace's body limit (1 MB, answered 413 before any form reads it) so runs stay quick.
    fc.pre(body.length < 60_000);
    const before = await databaseFingerprint(database, skip);
    const res = await b.request(form.action, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const answer = await res.text();
    const described = `${form.action} ${JSON.stringify(values).slice(0, 400)}`;
    expect(res.status, described).toBeLessThan(500);
    if (res.status < 400) {
      stats.accepted += 1;
      return;
    }
    stats.refused += 1;
    if (form.elsewhere && res.status === form.elsewhere.status) {
      expect(answer, described).toContain(`<form method="post" action="${form.elsewhere.action}"`);
      expect(await databaseFingerprint(database, skip), `${described}: refused, yet written`).toEqual(before);
      return;
    }
    // A hidden field changed, and nothing a person types: no person sent it, and the form may make no sense
    // any more (filters that do not parse leave nothing to confirm), so an error page without it will do.
    const hiddenTampered = controls.some((c) => c.kind === 'hidden' && values[c.name] !== c.value);
    const typedChanged = controls.some(
      (c) => c.kind !== 'hidden' && (values[c.name] ?? '') !== (c.kind === 'checkbox' && !c.checked ? '' : c.value),
    );
    // The same form, perhaps with where to go next in its action (sign-in's ?next=).
    if (!hiddenTampered || typedChanged)
      expect(answer, described).toMatch(
        new RegExp(`<form method="post" action="${form.action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[?"]`),
      );
    expect(answer, described).toContain('<title>Error:');
    expect(answer, described).toMatch(/class="error-(summary|message)"/);
    const kept = new Set(
      controls
        .filter((c) => (c.kind === 'text' || c.kind === 'textarea') && !form.notKept?.includes(c.name))
        .map((c) => c.name),
    );
    // A NUL cannot be shown in HTML (browsers read it as U+FFFD): compared without it.
    const shown = answer.replaceAll('\u0000', '');
    for (const field of encoded) {
      if (kept.has(field.name))
        expect(shown, `${described}: ${field.name} kept`).toContain(
          escaped(field.received.replaceAll('\u0000', '').trim()),
        );
    }
    expect(await databaseFingerprint(database, skip), `${described}: refused, yet written`).toEqual(before);
  }

  return { arbitrary, examples: nulInEachField, send, stats, refreshToken };
}

/** Runs per form: moderate, as there are some sixty forms (PROPERTY_RUNS sets it for a longer hunt; ADR 052, 054, 065). */
export const WORKSPACE_FORM_RUNS = propertyRuns(25, 25);

/** Posts `runs` arbitrary versions of one form, `before` each (to put back a state the form needs). */
export async function checkWorkspaceForm(
  b: Browser,
  database: Database,
  form: WorkspaceFormCase,
  options: { runs?: number; before?: () => Promise<void> } = {},
) {
  const poster = await workspaceFormPoster(b, database, form);
  await fc.assert(
    fc.asyncProperty(poster.arbitrary, async (values) => {
      if (options.before) {
        await options.before();
        await poster.refreshToken();
      }
      await poster.send(values);
    }),
    { numRuns: options.runs ?? runsOn(database.kind, WORKSPACE_FORM_RUNS), examples: poster.examples },
  );
  return poster.stats;
}

/**
 * A search or filter form (method GET): hostile text in every field of its
 * query never answers a 5xx, and the answer is the page with the form again
 * (a refusal titled "Error:").
 */
export async function checkSearchForm(b: Browser, screen: string, options: { runs?: number } = {}) {
  const html = await (await b.request(screen)).text();
  const action = screen.split('?')[0]!;
  const controls = formControls(html, action);
  const arbitrary = fc.record(
    Object.fromEntries(controls.map((c) => [c.name, fc.option(hostileText, { nil: undefined })] as const)),
  );
  await fc.assert(
    fc.asyncProperty(arbitrary, async (values) => {
      const query = Object.entries(values)
        .filter((e): e is [string, string] => e[1] !== undefined)
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeValue(value).wire}`)
        .join('&');
      fc.pre(query.length < 8_000);
      const res = await b.request(`${action}?${query}`);
      const described = `${action}?${query.slice(0, 300)}`;
      expect(res.status, described).toBeLessThan(500);
      const answer = await res.text();
      expect(answer, described).toContain(`action="${action}"`);
      // Filters that do not parse are either ignored (200) or named, with the form, in a refusal.
      if (res.status >= 400) expect(answer, described).toContain('<title>Error:');
    }),
    { numRuns: options.runs ?? WORKSPACE_FORM_RUNS },
  );
}
