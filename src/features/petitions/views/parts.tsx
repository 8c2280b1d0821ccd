import type { Locale } from '../../../platform/web/locale.ts';
import { ReferenceCredits } from '../../reference/service.ts';
import { formatCount, petitionMessages } from '../messages.ts';
import type { Threshold } from '../schema.ts';
import { DataTable } from '../../../platform/web/tables.tsx';

/**
 * The verified count, a progress bar to the goal and the next milestone. The
 * number is the server's (at most about two seconds old); petition.js keeps
 * it current from count.json, and nothing breaks without it.
 */
export function CountBox(props: {
  locale: Locale;
  count: number;
  goal: number;
  next: Threshold | undefined;
  countUrl: string;
}) {
  const t = petitionMessages(props.locale).page;
  const { count, goal, locale, next } = props;
  const percent = Math.min(100, Math.floor((count / Math.max(1, goal)) * 100));
  const nextMessage = next ? (next.message[locale] ?? next.message.en) : undefined;
  return (
    <div class="petition-count" data-count-url={props.countUrl}>
      <p class="count-text" id="petition-count-text">
        <strong data-count>{formatCount(count, locale)}</strong>
        {t.ofGoal(formatCount(goal, locale))}
      </p>
      <progress max={goal} value={Math.min(count, goal)} aria-labelledby="petition-count-text">
        {percent}%
      </progress>
      {next ? (
        <p>
          <strong>{t.next(formatCount(next.count, locale))}.</strong>{' '}
          {nextMessage ? <span lang={next.message[locale] ? undefined : 'en'}>{nextMessage}</span> : null}
        </p>
      ) : count >= goal ? (
        <p>{t.goalReached}</p>
      ) : null}
    </div>
  );
}

/** Plain links to share through: no third-party script, nothing sent anywhere until the person sends it. */
export function ShareLinks(props: { locale: Locale; url: string; title: string; headingLevel?: 2 | 3 }) {
  const t = petitionMessages(props.locale).share;
  const text = t.message(props.title);
  const e = encodeURIComponent;
  const links: [string, string][] = [
    [t.email, `mailto:?subject=${e(props.title)}&body=${e(`${text}\n\n${props.url}`)}`],
    // "?&body=" is understood by both Android and iOS messaging apps.
    [t.sms, `sms:?&body=${e(`${text} ${props.url}`)}`],
    [t.facebook, `https://www.facebook.com/sharer/sharer.php?u=${e(props.url)}`],
    [t.x, `https://x.com/intent/tweet?text=${e(text)}&url=${e(props.url)}`],
    [t.bluesky, `https://bsky.app/intent/compose?text=${e(`${text} ${props.url}`)}`],
    [t.whatsapp, `https://wa.me/?text=${e(`${text} ${props.url}`)}`],
  ];
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section class="section share" aria-labelledby="share-title">
      <Heading id="share-title">{t.title}</Heading>
      <p>{t.intro}</p>
      <ul class="share-links">
        {links.map(([label, href]) => (
          <li>
            <a href={href} rel="noopener noreferrer">
              {label}
            </a>
          </li>
        ))}
      </ul>
      <div class="copy-link">
        <div class="field">
          <label for="share-url">{t.linkLabel}</label>
          <input id="share-url" type="text" readonly value={props.url} />
        </div>
        <button
          class="button secondary"
          type="button"
          hidden
          data-copy="share-url"
          data-copy-status="share-url-status"
          data-copied={t.copied}
          data-failed={t.copyFailed}
        >
          {t.copy}
        </button>
        <p id="share-url-status" role="status" class="hint"></p>
      </div>
    </section>
  );
}

export type RecentEntry = { name: string; place: string | null };

export function RecentSigners(props: { locale: Locale; entries: RecentEntry[] }) {
  const t = petitionMessages(props.locale).page;
  return (
    <section class="section" aria-labelledby="recent-title">
      <h2 id="recent-title">{t.recentTitle}</h2>
      {props.entries.length === 0 ? (
        <p>{t.recentNone}</p>
      ) : (
        <>
          <ul class="recent">
            {props.entries.map((e) => (
              <li>
                {e.name}
                {e.place ? <> · {e.place}</> : null}
              </li>
            ))}
          </ul>
          <p class="hint">{t.recentNote}</p>
        </>
      )}
    </section>
  );
}

/**
 * The Senate district map and the same numbers as a table, its accessible
 * alternative (the SVG points at it with aria-describedby). Without
 * reference data the section is simply not shown: visitors never read about
 * the machinery, and the workspace tells staff what is missing.
 */
export function WhereSigners(props: {
  locale: Locale;
  mapSvg: string | undefined;
  byDistrict: Map<string, number>;
  unknown: number;
}) {
  const t = petitionMessages(props.locale).page;
  if (!props.mapSvg) return null;
  const rows = Array.from({ length: 30 }, (_, i) => String(i + 1));
  return (
    <section class="section" aria-labelledby="where-title">
      <h2 id="where-title">{t.whereTitle}</h2>
      <p>{t.whereIntro}</p>
      <div class="where">
        <figure>
          <div dangerouslySetInnerHTML={{ __html: props.mapSvg }} />
          <figcaption class="hint">
            <ReferenceCredits locale={props.locale} />
          </figcaption>
        </figure>
        <DataTable caption={t.tableCaption} columns={[t.district, t.count]} id="district-table">
          {rows.map((d) => (
            <tr>
              <th scope="row">{d}</th>
              <td>{formatCount(props.byDistrict.get(d) ?? 0, props.locale)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t.unknownDistrict}</th>
            <td>{formatCount(props.unknown, props.locale)}</td>
          </tr>
        </DataTable>
      </div>
    </section>
  );
}
