import type { PetitionStatus } from '../schema.ts';

/**
 * Across the top of a petition's preview: says plainly that this is not the
 * public site, so nobody mistakes a draft for a live petition or shares its
 * address. In the workspace's English (marked, inside a Spanish page).
 */
export function PreviewBanner(props: { id: number; status: PetitionStatus }) {
  const published = props.status === 'open' || props.status === 'closed';
  return (
    <div class="preview-banner" role="note" lang="en">
      <p>
        <strong>{published ? 'Preview' : 'Preview: not published'}</strong>
      </p>
      <p>
        {published
          ? 'This is the page as visitors see it.'
          : 'Only signed-in staff can see this page. Visitors get “Page not found”, ' +
            'and the form takes no signatures, until the petition is open.'}{' '}
        <a href={`/admin/petitions/${props.id}`}>Back to the petition in the workspace</a>
      </p>
    </div>
  );
}
