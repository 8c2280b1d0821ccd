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

  it('drops emphasis, heading marks and escapes, and keeps lists, quotes and line breaks readable', () => {
    const source = [
      '## Advocacy Day',
      '',
      'Hello **{{givenName}}**, _see you_ there \\* &amp; bring `a<b`.',
      '',
      '- one',
      '- two',
      '  - nested',
      '',
      '3. third',
      '4. fourth',
      '',
      '> a quote',
      '',
      '---',
      '',
      'line one  ',
      'line two',
    ].join('\n');
    expect(markdownToText(source, site)).toBe(
      [
        'Advocacy Day',
        '',
        'Hello {{givenName}}, see you there * & bring a<b.',
        '',
        '- one',
        '- two',
        '  - nested',
        '',
        '3. third',
        '4. fourth',
        '',
        '> a quote',
        '',
        '* * *',
        '',
        'line one',
        'line two',
      ].join('\n'),
    );
  });

  it('reduces what a reader could not follow to its words: raw HTML, scripts, images', () => {
    const text = markdownToText('<b>Bold</b> [x](javascript:alert(1)) ![a map](https://psj.example/map.png)', site);
    expect(text).toBe('Bold x a map');
  });

  it('is empty for empty Markdown', () => {
    expect(markdownToText('  \n ', site)).toBe('');
  });
});
