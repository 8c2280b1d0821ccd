import { raw } from 'hono/html';
import type { Locale } from '../../../platform/web/locale.ts';
import { localizedPath } from '../../../platform/web/locale.ts';
import { BackLink } from '../../../platform/web/components.tsx';
import { DataTable, SummaryTable } from '../../../platform/web/tables.tsx';
import type { CommitteeSeat, Legislator } from '../../reference/service.ts';
import type { AgendaBill, LegislatorRecord } from '../agenda.ts';
import { legislatorSlug, officesOf, type DirectoryFilter } from '../directory.ts';
import { legislatorMessages } from '../messages.ts';

const billTitle = (b: AgendaBill, locale: Locale) => {
  const title = locale === 'es' && b.titleEs ? b.titleEs : b.titleEn;
  return b.billNumber ? `${b.billNumber}: ${title}` : title;
};

function BillName(props: { bill: AgendaBill; locale: Locale }) {
  const t = legislatorMessages(props.locale);
  const { bill, locale } = props;
  const lang = locale === 'es' && !bill.titleEs ? 'en' : undefined;
  return (
    <>
      {bill.path ? (
        <a href={localizedPath(locale, bill.path)} lang={lang}>
          {billTitle(bill, locale)}
        </a>
      ) : (
        <span lang={lang}>{billTitle(bill, locale)}</span>
      )}
      {bill.isDemo ? (
        <>
          {' '}
          <span class="badge">{t.sample}</span>
        </>
      ) : null}
    </>
  );
}

/** /legislators: a search by name or district, a chamber filter (a GET form: it works without JavaScript), the list. */
export function DirectoryPage(props: {
  locale: Locale;
  filter: DirectoryFilter;
  people: Legislator[];
  loaded: boolean;
}) {
  const { locale, filter, people } = props;
  const t = legislatorMessages(locale);
  const byChamber = (['upper', 'lower'] as const).filter((c) => people.some((p) => p.chamber === c));
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      {props.loaded ? (
        <>
          <form method="get" action={localizedPath(locale, '/legislators')} class="filters" role="search">
            <div class="field">
              <label for="q">{t.search}</label>
              <p class="hint" id="q-hint">
                {t.searchHint}
              </p>
              <input id="q" name="q" type="search" value={filter.q} maxlength={80} aria-describedby="q-hint" />
            </div>
            <div class="field">
              <label for="chamber">{t.chamber}</label>
              <select id="chamber" name="chamber">
                <option value="" selected={filter.chamber === ''}>
                  {t.anyChamber}
                </option>
                <option value="upper" selected={filter.chamber === 'upper'}>
                  {t.senate}
                </option>
                <option value="lower" selected={filter.chamber === 'lower'}>
                  {t.house}
                </option>
              </select>
            </div>
            <button type="submit" class="button">
              {t.show}
            </button>
          </form>
          <p role="status">{people.length === 0 ? t.none : t.found(people.length)}</p>
          {byChamber.map((chamber) => (
            <section aria-labelledby={`chamber-${chamber}`}>
              <h2 id={`chamber-${chamber}`}>{chamber === 'upper' ? t.senate : t.house}</h2>
              <DataTable
                caption={chamber === 'upper' ? t.senate : t.house}
                columns={[t.columns.name, t.columns.district, t.columns.party]}
              >
                {people
                  .filter((p) => p.chamber === chamber)
                  .map((p) => (
                    <tr>
                      <th scope="row">
                        <a href={localizedPath(locale, `/legislators/${legislatorSlug(p)}`)}>{p.name}</a>
                      </th>
                      <td>{t.district(p.chamber, p.district)}</td>
                      <td lang={locale === 'es' ? 'en' : undefined}>{p.party}</td>
                    </tr>
                  ))}
              </DataTable>
            </section>
          ))}
        </>
      ) : (
        <p>{t.notLoaded}</p>
      )}
    </>
  );
}

/** /legislators/<slug>: who, where, committees, contact, and their record on the agenda. */
export function LegislatorPage(props: {
  locale: Locale;
  person: Legislator;
  committees: CommitteeSeat[];
  record: LegislatorRecord;
  map: string | undefined;
}) {
  const { locale, person, committees, record } = props;
  const t = legislatorMessages(locale);
  const district = t.district(person.chamber, person.district);
  const offices = officesOf(person);
  return (
    <>
      <BackLink href={localizedPath(locale, '/legislators')}>{t.back}</BackLink>
      <h1>
        {person.chamber === 'upper' ? t.senator : t.representative} {person.name}
      </h1>
      <SummaryTable
        caption={person.name}
        rows={[
          [t.chamber, person.chamber === 'upper' ? t.senate : t.house],
          [t.columns.district, district],
          [t.party, <span lang={locale === 'es' ? 'en' : undefined}>{person.party}</span>],
        ]}
      />
      {props.map ? <figure class="district-figure">{raw(props.map)}</figure> : null}

      <h2>{t.committees}</h2>
      {committees.length === 0 ? (
        <p>{t.noCommittees}</p>
      ) : (
        <ul>
          {committees.map((c) => (
            <li>
              <span lang="en">{c.name}</span>
              {c.role !== 'member' ? ` (${t.role(c.role)})` : ''}
            </li>
          ))}
        </ul>
      )}

      <h2>{t.contact}</h2>
      <ul class="list-plain">
        {person.email ? (
          <li>
            {t.email}: <a href={`mailto:${person.email}`}>{person.email}</a>
          </li>
        ) : null}
        {offices.map((o) => (
          <li>
            {t.office[o.kind] ?? t.office.office}: {o.address}
            {o.voice ? (
              <>
                {' '}
                · {t.phone}: <a href={`tel:${o.voice.replace(/[^0-9+]/g, '')}`}>{o.voice}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>

      <h2>{t.agenda}</h2>
      {record.sponsored.length === 0 ? (
        <p>{t.noSponsored}</p>
      ) : (
        <>
          <h3>{t.sponsors}</h3>
          <ul>
            {record.sponsored.map((b) => (
              <li>
                <BillName bill={b} locale={locale} /> ({t.position[b.position]})
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t.votes}</h3>
      {record.votes.length === 0 ? (
        <p>{t.noVotes}</p>
      ) : (
        <DataTable caption={t.votes} columns={[t.bill, t.ourPosition, t.theirVote]}>
          {record.votes.map((v) => (
            <tr>
              <th scope="row">
                <BillName bill={v.bill} locale={locale} />
              </th>
              <td>{t.position[v.bill.position]}</td>
              <td>{t.vote[v.vote]}</td>
            </tr>
          ))}
        </DataTable>
      )}

      {record.grades.length > 0 ? (
        <>
          <h2>{t.scorecards}</h2>
          <p class="hint">{t.gradeRule}</p>
          <ul>
            {record.grades.map((g) => (
              <li>
                <strong>{t.grade(g.session)}</strong>:{' '}
                {g.grade === null ? t.noGrade : t.gradeLine(g.grade, g.withUs, g.counted)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
