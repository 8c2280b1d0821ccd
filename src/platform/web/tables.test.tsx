import { describe, expect, it } from 'vitest';
import { BackLink } from './components.tsx';
import { DataTable, HiddenLabel, SummaryTable } from './tables.tsx';

describe('the shared workspace parts', () => {
  it('names a table by its caption and heads each column for screen readers', () => {
    const html = String(
      <DataTable caption="Staff accounts" columns={['Name', <HiddenLabel>Change</HiddenLabel>]}>
        <tr>
          <td>Ana</td>
          <td>Edit</td>
        </tr>
      </DataTable>,
    );
    const caption = /<caption id="(table-caption-\d+)" class="visually-hidden">Staff accounts<\/caption>/.exec(html);
    expect(caption).not.toBeNull();
    expect(html).toContain(
      '<thead><tr><th scope="col">Name</th>' +
        '<th scope="col"><span class="visually-hidden">Change</span></th></tr></thead>' +
        '<tbody><tr><td>Ana</td><td>Edit</td></tr></tbody></table></div>',
    );
    // A phone scrolls the table inside a region named by its caption, which a keyboard can reach.
    expect(html).toMatch(
      new RegExp(`^<div class="table-scroll" role="region" aria-labelledby="${caption![1]}" tabindex="0"><table`),
    );
  });

  it('gives each table on a page its own caption id, and shows the caption when asked', () => {
    const first = String(<DataTable caption="One" columns={['Step']} />);
    const second = String(<DataTable caption="Two" columns={['Step']} />);
    const id = (html: string) => /aria-labelledby="([^"]+)"/.exec(html)![1];
    expect(id(first)).not.toBe(id(second));
    const shown = String(<DataTable caption="Progress" columns={['Step']} showCaption id="progress" />);
    expect(shown).toContain('aria-labelledby="progress-caption"');
    expect(shown).toContain('<table class="table" id="progress"><caption id="progress-caption">Progress</caption>');
  });

  it('lays out facts about one thing with a heading for each row', () => {
    const html = String(
      <SummaryTable caption="Settings" rows={[['Status', 'Open']]} attributes={{ 'data-progress': '/x.json' }} />,
    );
    expect(html).toContain('<table class="table" data-progress="/x.json">');
    expect(html).toContain('<tbody><tr><th scope="row">Status</th><td>Open</td></tr></tbody>');
    expect(html).toContain('role="region"');
  });

  it('points the back link up, with its arrow', () => {
    expect(String(<BackLink href="/admin/petitions">Petitions</BackLink>)).toBe(
      '<p><a href="/admin/petitions">← Petitions</a></p>',
    );
  });
});
