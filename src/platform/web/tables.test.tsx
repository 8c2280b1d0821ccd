import { describe, expect, it } from 'vitest';
import { BackLink } from './components.tsx';
import { DataTable, HiddenLabel } from './tables.tsx';

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
    expect(html).toBe(
      '<table class="table"><caption class="visually-hidden">Staff accounts</caption>' +
        '<thead><tr><th scope="col">Name</th>' +
        '<th scope="col"><span class="visually-hidden">Change</span></th></tr></thead>' +
        '<tbody><tr><td>Ana</td><td>Edit</td></tr></tbody></table>',
    );
  });

  it('shows the caption when asked, and lets a wide table scroll on its own', () => {
    const html = String(<DataTable caption="Progress" columns={['Step']} showCaption scroll id="progress" />);
    expect(html).toMatch(/^<div class="table-scroll"><table class="table" id="progress"><caption>Progress<\/caption>/);
    expect(html).toMatch(/<\/table><\/div>$/);
  });

  it('points the back link up, with its arrow', () => {
    expect(String(<BackLink href="/admin/petitions">Petitions</BackLink>)).toBe(
      '<p><a href="/admin/petitions">← Petitions</a></p>',
    );
  });
});
