import * as fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { decodeCharacterReferences } from '../../platform/web/escape.ts';
import { searchLibrary, searchPages, searchPolicies } from '../content/service.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { searchPetitions } from '../petitions/service.ts';
import { makeOpenPetition } from '../petitions/test-support.ts';
import { cleanQuery, highlightSummaries, QUERY_MAX_CHARACTERS, searchSite } from './service.ts';

const RUNS = propertyRuns(400, 60);
const sources = [searchPages, searchPolicies, searchLibrary, searchPetitions];

/** What tsquery and websearch syntax mean something to, and what HTML and URLs do. */
const syntax = fc.constantFrom(...'&|!():*<>-"\'\\@#%+?=;,.{}[]~^$'.split(''), ' or ', ' -', 'AND', '<->', '\u0000');
/** Queries of every kind: real words, syntax soup, any Unicode (half surrogate pairs too), and pastes of 10 KB. */
const anyQuery = fc.oneof(
  fc
    .array(fc.oneof(syntax, fc.constantFrom('survivors', 'víctimas', 'kelp', 'the', 'a')), { maxLength: 12 })
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom('a', 'é', '👩🏽‍⚖️', ' ', '<', '\u0000', '"', '!', 'survivors '),
      fc.integer({ min: 100, max: 10_240 }),
    )
    .map(([ch, n]) => ch.repeat(n).slice(0, 10_240)),
);

describeEachDatabase('hostile search queries', (database, kind) => {
  const runs = runsOn(kind, RUNS);
  let app: ReturnType<typeof createTestApp>['app'];

  beforeAll(async () => {
    await seedDemoContent(database().db);
    await makeOpenPetition(database().db, 'kelp');
    app = createTestApp(database()).app;
  });

  it('are cleaned to at most the cap, of plain well-formed text', () => {
    fc.assert(
      fc.property(anyQuery, (raw) => {
        const query = cleanQuery(raw);
        expect([...query].length).toBeLessThanOrEqual(QUERY_MAX_CHARACTERS);
        expect(query.isWellFormed()).toBe(true);
        expect(query).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
        expect(cleanQuery(query)).toBe(query);
      }),
      { numRuns: runs * 10 },
    );
  });

  it('are searched by every source without an error', async () => {
    await fc.assert(
      fc.asyncProperty(anyQuery, fc.constantFrom('en', 'es') as fc.Arbitrary<'en' | 'es'>, async (raw, locale) => {
        const query = cleanQuery(raw);
        const hits = await searchSite(database().db, sources, query, locale, 31);
        const summaries = await highlightSummaries(database().db, hits, query);
        expect(summaries).toHaveLength(hits.length);
      }),
      { numRuns: runs },
    );
  });

  it('get the page over HTTP, never a server error, with the query echoed as text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyQuery.filter((q) => q.isWellFormed()).map((q) => ({ text: q, url: encodeURIComponent(q) })),
          // Bytes as they may arrive, valid UTF-8 or not.
          fc.uint8Array({ maxLength: 80 }).map((bytes) => ({
            text: undefined,
            url: [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
          })),
        ),
        fc.constantFrom('/search', '/es/search'),
        async (q, path) => {
          const res = await app.request(`${path}?q=${q.url}`, { headers: { cookie: 'lang=en' } });
          expect(res.status).toBe(200);
          const html = await res.text();
          const echoed = /<input type="search" id="search-q" name="q" value="([^"]*)"/.exec(html)?.[1];
          expect(echoed).toBeDefined();
          if (q.text !== undefined) expect(decodeCharacterReferences(echoed!)).toBe(cleanQuery(q.text));
        },
      ),
      { numRuns: runs },
    );
  });
});
