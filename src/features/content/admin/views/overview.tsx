import type { ContentOverview, TranslationCounts } from '../../service.ts';

const sections: { key: keyof ContentOverview; label: string; href: string; about: string }[] = [
  {
    key: 'pages',
    label: 'Pages',
    href: '/admin/content/pages',
    about: 'The home page, tips, about, privacy and any page you add, with their sections.',
  },
  {
    key: 'policies',
    label: 'Policies',
    href: '/admin/content/policies',
    about: 'The bills and policies on the agenda: where each stands and our position.',
  },
  {
    key: 'resources',
    label: 'Resources',
    href: '/admin/content/resources',
    about: 'Reports, guides and fact sheets in the library, with their files.',
  },
];

function Counts(props: { counts: TranslationCounts }) {
  const { items, missing, older } = props.counts;
  return (
    <ul class="list-inline">
      <li>{items} in all</li>
      <li>
        <span class={missing > 0 ? 'badge badge-missing' : 'badge'}>{missing}</span> missing a translation
      </li>
      <li>
        <span class={older > 0 ? 'badge badge-older' : 'badge'}>{older}</span> with a translation older than the other
        language
      </li>
    </ul>
  );
}

export function ContentOverviewView(props: { overview: ContentOverview }) {
  return (
    <>
      <h1>Content</h1>
      <p>
        Everything on the public site, in English and Spanish. Changes show on the site as soon as you save or publish.
      </p>
      <ul class="grid three">
        {sections.map((s) => (
          <li class="card">
            <h2>
              <a href={s.href}>{s.label}</a>
            </h2>
            <p>{s.about}</p>
            <Counts counts={props.overview[s.key]} />
          </li>
        ))}
      </ul>
    </>
  );
}
