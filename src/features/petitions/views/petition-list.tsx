import { formatDay } from '../../../platform/web/components.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import type { ListedPetition } from '../listing.ts';
import { formatCount, petitionMessages } from '../messages.ts';
import { petitionWords } from '../signing-state.ts';

export type ListedWithCount = ListedPetition & { count: number };

/** /petitions: those open for signatures (and about to open), then the closed ones with what came of them. */
export function PetitionListPage(props: { locale: Locale; petitions: ListedWithCount[]; timeZone: string }) {
  const { locale } = props;
  const t = petitionMessages(locale).list;
  const current = props.petitions.filter((p) => p.state !== 'closed');
  const closed = props.petitions.filter((p) => p.state === 'closed');
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      <section class="section" aria-labelledby="open-petitions">
        <h2 id="open-petitions">{t.openTitle}</h2>
        {current.length === 0 ? (
          <p>
            {t.noneOpen} <a href={localizedPath(locale, '/join')}>{t.joinLink}</a>.
          </p>
        ) : (
          <ul class="petition-list">
            {current.map((p) => (
              <PetitionItem petition={p} locale={locale} timeZone={props.timeZone} />
            ))}
          </ul>
        )}
      </section>
      {closed.length > 0 ? (
        <section class="section" aria-labelledby="closed-petitions">
          <h2 id="closed-petitions">{t.closedTitle}</h2>
          <ul class="petition-list">
            {closed.map((p) => (
              <PetitionItem petition={p} locale={locale} timeZone={props.timeZone} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function PetitionItem(props: { petition: ListedWithCount; locale: Locale; timeZone: string }) {
  const { petition: p, locale } = props;
  const t = petitionMessages(locale).list;
  const { words, lang } = petitionWords(p, locale);
  const day = (at: Date) => formatDay(at, locale, props.timeZone);
  const count = formatCount(p.count, locale);
  const goal = formatCount(p.goal, locale);
  return (
    <li>
      <h3 lang={lang !== locale ? lang : undefined}>
        <a href={localizedPath(locale, `/petitions/${p.slug}`)}>{words.title}</a>
      </h3>
      {words.summary ? <p lang={lang !== locale ? lang : undefined}>{words.summary}</p> : null}
      {p.state === 'closed' ? (
        <p>
          {/* Staff may close one before its date: the date is only said once it has passed. */}
          {p.closesAt && p.closesAt.getTime() <= Date.now() ? <>{t.closedOn(day(p.closesAt))} </> : null}
          <strong>{p.count >= p.goal ? t.reached(count, goal) : t.notReached(count, goal)}</strong>
        </p>
      ) : (
        <p>
          <strong>{t.count(count, goal)}</strong>
          {p.state === 'not-yet-open' && p.opensAt ? <> · {t.opens(day(p.opensAt))}</> : null}
          {p.state === 'open' && p.closesAt ? <> · {t.closes(day(p.closesAt))}</> : null}
        </p>
      )}
    </li>
  );
}
