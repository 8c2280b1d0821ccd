import { describe, expect, it } from 'vitest';
import { markdownToText } from './markdown-text.ts';

const site = { languagePrefix: '', absoluteBase: 'https://psj.example' };

describe('Markdown as the plain-text part of an email', () => {
  it('writes a link as its words and its full address in brackets, with nothing of the Markdown left', () => {
    const text = markdownToText('Read [our policies](/policies) and [OLIS](https://olis.example/bills).', site);
    expect(text).toBe('Read our policies (https://psj.example/policies) and OLIS (https://olis.example/bills).');
  });

  it('puts site links under the language, on the site’s address', () => {
    expect(markdownToText('[consejos](/tips) [inicio](/)', { ...site, languagePrefix: '/es' })).toBe(
      'consejos (https://psj.example/es/tips) inicio (https://psj.example/es)',
    );
  });

  it('writes a bare or auto-linked address once, and a mail link without its scheme', () => {
    expect(markdownToText('<https://psj.example/join> or [hello@psj.example](mailto:hello@psj.example)', site)).toBe(
      'https://psj.example/join or hello@psj.example',
    );
  });

  it.each([
    ['a heading', '## Advocacy Day', 'Advocacy Day'],
    [
      'emphasis, escapes and code',
      'Hello **{{givenName}}**, _see you_ \\* &amp; `a<b`.',
      'Hello {{givenName}}, see you * & a<b.',
    ],
    ['a nested list', '- one\n- two\n  - nested', '- one\n- two\n  - nested'],
    ['a numbered list', '3. third\n4. fourth', '3. third\n4. fourth'],
    ['a quote', '> a quote', '> a quote'],
    ['a rule between paragraphs', 'one\n\n---\n\ntwo', 'one\n\n* * *\n\ntwo'],
    ['a hard line break', 'line one  \nline two', 'line one\nline two'],
  ])('writes %s as a mail client shows text', (_, source, text) => {
    expect(markdownToText(source, site)).toBe(text);
  });

  it('reduces what a reader could not follow to its words: raw HTML, scripts, images', () => {
    const text = markdownToText('<b>Bold</b> [x](javascript:alert(1)) ![a map](https://psj.example/map.png)', site);
    expect(text).toBe('Bold x a map');
  });

  it('is empty for empty Markdown', () => {
    expect(markdownToText('  \n ', site)).toBe('');
  });
});
