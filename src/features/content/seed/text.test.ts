import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoPolicies, demoResources } from './library.ts';
import { demoPages } from './pages.ts';
import { parseSeedText, seedTextFolder } from './text.ts';

const filesIn = (folder: string) => readdirSync(new URL(`${folder}/`, seedTextFolder)).sort();
const library = { policies: demoPolicies, resources: demoResources };

describe('demo seed texts', () => {
  it('reads every Markdown file, and every page and item has its own', () => {
    expect(filesIn('pages')).toEqual(demoPages.map((page) => `${page.slug}.${page.locale}.md`).sort());
    for (const [folder, items] of Object.entries(library)) {
      const expected = items.flatMap((item) => Object.keys(item.translations).map((l) => `${item.slug}.${l}.md`));
      expect(filesIn(folder)).toEqual(expected.sort());
    }
  });

  it('gives every page a description and every section text in one language also in the other', () => {
    for (const page of demoPages) {
      expect(page.description, page.slug).not.toBe('');
      const other = demoPages.find((p) => p.slug === page.slug && p.locale !== page.locale);
      const withText = (sections: typeof page.sections) => sections?.filter((s) => s.bodyMd).map((s) => s.key);
      expect(withText(page.sections), `${page.slug}.${page.locale}`).toEqual(withText(other?.sections));
      expect(Boolean(page.bodyMd), `${page.slug}.${page.locale}`).toBe(Boolean(other?.bodyMd));
    }
    const home = demoPages.find((p) => p.slug === 'home' && p.locale === 'es');
    expect(home?.sections?.find((s) => s.key === 'hero')?.bodyMd).toMatch(/^Partnership for Safety and Justice se une/);
  });

  it('gives every policy and resource a summary and a text that starts with its demo note', () => {
    const notes = {
      en: /^\*Demo content: an illustrative (policy, not a real bill|resource)\.\*\n\n\S/,
      es: /^\*Contenido de demostración: (una política ilustrativa|un recurso ilustrativo).*\*\n\n\S/,
    };
    for (const item of [...demoPolicies, ...demoResources]) {
      expect(item.isDemo, item.slug).toBe(true);
      for (const [locale, t] of Object.entries(item.translations)) {
        expect(t?.summary, `${item.slug}.${locale}`).not.toBe('');
        expect(t?.bodyMd, `${item.slug}.${locale}`).toMatch(notes[locale as keyof typeof notes]);
      }
    }
  });
});

describe('parseSeedText', () => {
  const blocks = { required: ['summary'], optional: ['body'] };

  it('keeps a block to the letter, without the blank lines around it', () => {
    const text = parseSeedText('t.md', '<!-- summary -->\n\nOne line.\n\n<!-- body -->\n- a\n- b\n\nEnd.\n', blocks);
    expect(text('summary')).toBe('One line.');
    expect(text('body')).toBe('- a\n- b\n\nEnd.');
  });

  it('reads an optional block the file leaves out as empty', () => {
    expect(parseSeedText('t.md', '<!-- summary -->\nOnly this.\n', blocks)('body')).toBe('');
  });

  it.each([
    ['<!-- body -->\nText.\n', 'block "summary" is missing'],
    ['<!-- summary -->\n\n<!-- body -->\nText.\n', 'block "summary" is empty'],
    ['<!-- summary -->\nA.\n<!-- summary -->\nB.\n', 'block "summary" appears twice'],
    ['<!-- summary -->\nA.\n<!-- sumary -->\nB.\n', 'unexpected block "sumary"'],
    ['Stray words.\n<!-- summary -->\nA.\n', 'text before the first block'],
  ])('fails the seed on a file that is wrong: %j', (markdown, problem) => {
    expect(() => parseSeedText('t.md', markdown, blocks)).toThrow(`Seed text t.md: ${problem}`);
  });
});
