import type { Child } from 'hono/jsx';
import { renderDocument } from '../../../platform/web/layout.tsx';
import type { Locale } from '../../../platform/web/locale.ts';
import { privacyMessages } from '../messages.ts';

/**
 * The readable copy: the same data as the JSON file, as a page a person opens from their downloads, with no script,
 * style sheet or anything fetched from anywhere (it is read offline, and may be forwarded). Each key is a heading
 * or a term as the JSON names it, so the two files can be read side by side.
 */
export function copyDocument(data: unknown, locale: Locale): Promise<string> {
  const t = privacyMessages(locale).copy;
  return renderDocument(
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.htmlTitle}</title>
      </head>
      <body>
        <main>
          <h1>{t.htmlTitle}</h1>
          {data === null ? <p>{t.nothingHeld}</p> : <Value value={data} depth={2} />}
        </main>
      </body>
    </html>,
  );
}

function Value(props: { value: unknown; depth: number }): Child {
  const { value, depth } = props;
  if (value === null || value === undefined) return <span>—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>—</span>;
    return (
      <ol>
        {value.map((item) => (
          <li>
            <Value value={item} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // The top level's parts (the record, signatures, letters…) are sections; deeper ones, terms and their values.
    if (depth === 2)
      return (
        <>
          {entries.map(([key, inner]) => (
            <section>
              <h2>{key}</h2>
              <Value value={inner} depth={depth + 1} />
            </section>
          ))}
        </>
      );
    return (
      <dl>
        {entries.map(([key, inner]) => (
          <>
            <dt>{key}</dt>
            <dd>
              <Value value={inner} depth={depth + 1} />
            </dd>
          </>
        ))}
      </dl>
    );
  }
  return <span>{String(value)}</span>;
}
