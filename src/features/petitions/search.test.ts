import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { searchPetitions } from './service.ts';
import { makeOpenPetition } from './test-support.ts';

describeEachDatabase('petitions in site search', (database) => {
  beforeAll(async () => {
    const db = database().db;
    await makeOpenPetition(db, 'open-one', {
      en: { title: 'Fund victim services', summary: 'Help for every victim.', statement: 'We ask for **funding**.' },
      es: { title: 'Financien los servicios', summary: 'Ayuda para cada víctima.', statement: 'Pedimos fondos.' },
    });
    await makeOpenPetition(db, 'english-only', {
      en: { title: 'Save the marmots', summary: 'Marmots matter.', statement: 'Protect marmot meadows.' },
      es: null,
    });
    await makeOpenPetition(db, 'closed-one', {
      status: 'closed',
      en: { title: 'Bring back libraries', summary: 'Reading rooms.', statement: 'Open them again.' },
    });
    await makeOpenPetition(db, 'a-draft', {
      status: 'draft',
      en: { title: 'Zeppelin petition', summary: 'Not public.', statement: 'Zeppelins.' },
    });
  });

  it('finds a public petition by a stemmed word of its title, summary or statement', async () => {
    const db = database().db;
    for (const word of ['victims', 'funded']) {
      const hits = await searchPetitions(db, word, 'en', 10);
      expect(
        hits.map((h) => [h.kind, h.path, h.lang, h.title]),
        word,
      ).toEqual([['petition', '/petitions/open-one', 'en', 'Fund victim services']]);
    }
    // Closed petitions stay readable, so they stay findable.
    expect((await searchPetitions(db, 'library', 'en', 10)).map((h) => h.path)).toEqual(['/petitions/closed-one']);
  });

  it('finds the Spanish words with Spanish stemming, else the English ones', async () => {
    const db = database().db;
    const es = await searchPetitions(db, 'víctimas', 'es', 10);
    expect(es.map((h) => [h.path, h.lang, h.summary])).toEqual([
      ['/petitions/open-one', 'es', 'Ayuda para cada víctima.'],
    ]);
    expect((await searchPetitions(db, 'marmot', 'es', 10)).map((h) => [h.path, h.lang])).toEqual([
      ['/petitions/english-only', 'en'],
    ]);
  });

  it('never finds a draft', async () => {
    expect(await searchPetitions(database().db, 'zeppelin', 'en', 10)).toEqual([]);
  });
});
