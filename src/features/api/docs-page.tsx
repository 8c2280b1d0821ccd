import { stylesheet } from '../../platform/web/assets.ts';
import type { openApiDocument } from './openapi.ts';
import type { ApiResource } from './resource.ts';

type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; description?: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses?: Record<string, { description?: string }>;
};

const METHODS = ['get', 'post', 'put', 'delete'] as const;

/** The relations a record links to, besides the entry point's: each has its anchor, as the curies promise. */
const memberRelations: Record<string, string> = {
  'osdi:person': 'The person who did it, or who is tagged or listed.',
  'osdi:petition': 'The petition a signature is on.',
  'osdi:signatures': 'A petition’s signatures.',
  'osdi:record_signature_helper': 'Record a signature on this petition, for a person matched or added by email.',
  'osdi:event': 'The event an attendance is for.',
  'osdi:attendances': 'An event’s RSVPs.',
  'osdi:record_attendance_helper': 'Record an RSVP to this event, for a person matched or added by email.',
  'osdi:advocacy_campaign': 'The letter campaign an outreach belongs to.',
  'osdi:outreaches': 'A campaign’s letters to legislators.',
  'osdi:record_outreach_helper': 'Record a letter in this campaign, for a person matched or added by email.',
  'osdi:tag': 'The tag of a tagging.',
  'osdi:taggings': 'The people a tag is on.',
  'osdi:list': 'The list an item is in.',
  'osdi:items': 'A list’s members.',
};

/**
 * The API's own page (/api/docs): how to authenticate, page and sync, then every path from the OpenAPI
 * document, so the page and the document can never disagree. Server-rendered, no script, no third party.
 */
export function ApiDocsPage(props: {
  document: ReturnType<typeof openApiDocument>;
  resources: readonly ApiResource[];
}) {
  const doc = props.document;
  const paths = Object.entries(
    (doc.paths ?? {}) as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>,
  );
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>API — Groundswell</title>
        <link rel="stylesheet" href={stylesheet.path} />
      </head>
      <body>
        <main id="main">
          <div class="wrap prose wrap-anywhere api-docs">
            <h1>The OSDI API</h1>
            <p>
              This site speaks the Open Supporter Data Interface (OSDI) in HAL+JSON, so other organizing tools can read
              and add people, signatures, RSVPs and letters without custom code. The machine-readable description is{' '}
              <a href="/api/openapi.json">the OpenAPI document</a>.
            </p>
            <h2>Keys</h2>
            <p>
              An administrator makes a key in the workspace (API keys), choosing what it may do: read people, change
              people, read actions, record actions. The key is shown once. Send it in the <code>OSDI-API-Token</code>{' '}
              header of every request to <code>/api/v1</code>. Every request is in the audit log; a revoked key stops
              working at once.
            </p>
            <h2>Paging and incremental sync</h2>
            <p>
              Collections give 25 records a page unless <code>per_page</code> asks for more (at most 100). Follow each
              page&apos;s <code>next</code> link rather than counting pages: it starts exactly after the last record you
              were given, even while records change. Records come in the order of their last change. To sync, keep the
              latest <code>modified_date</code> you have seen and next time ask with{' '}
              <code>filter=modified_date gt &apos;2026-03-01T12:00:00Z&apos;</code>. Changes are committed in the order
              they were made, give or take the length of one request, so start a minute before the last time you saw.
              People deleted here are listed, by identifier only, at <code>/api/v1/deleted_people</code>.
            </p>
            <h2>Consent</h2>
            <p>
              The API never subscribes anyone. Saying a person&apos;s email status is <code>subscribed</code> sends them
              the same confirmation email as the sign-up form; they are subscribed when they use its link. Saying{' '}
              <code>unsubscribed</code> stops all email to them at once.
            </p>
            <h2>Relations</h2>
            <dl>
              {props.resources.flatMap((r) =>
                Object.entries(r.entry).map(([rel, { path, title }]) => (
                  <>
                    <dt id={rel.replace(':', '-')}>
                      <code>{rel}</code>
                    </dt>
                    <dd>
                      {title}: <code>/api/v1{path}</code>
                    </dd>
                  </>
                )),
              )}
              {Object.entries(memberRelations).map(([rel, meaning]) => (
                <>
                  <dt id={rel.replace(':', '-')}>
                    <code>{rel}</code>
                  </dt>
                  <dd>{meaning}</dd>
                </>
              ))}
            </dl>
            <h2>Paths</h2>
            {paths.map(([path, item]) =>
              METHODS.filter((m) => item[m]).map((method) => {
                const op = item[method]!;
                const body = op.requestBody?.content['application/json']?.schema;
                return (
                  <section aria-labelledby={`op-${method}-${path.replace(/\W+/g, '-')}`}>
                    <h3 id={`op-${method}-${path.replace(/\W+/g, '-')}`}>
                      <code>
                        {method.toUpperCase()} /api/v1{path}
                      </code>
                    </h3>
                    {op.summary ? <p>{op.summary}</p> : null}
                    {op.description ? <p>{op.description}</p> : null}
                    {op.parameters?.length ? (
                      <ul>
                        {op.parameters.map((p) => (
                          <li>
                            <code>{p.name}</code> ({p.in}){p.description ? `: ${p.description}` : ''}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {body ? (
                      <details>
                        <summary>Request body (JSON Schema)</summary>
                        <pre tabindex={0}>{JSON.stringify(resolve(body, schemas), null, 2)}</pre>
                      </details>
                    ) : null}
                    <p>
                      Answers:{' '}
                      {Object.entries(op.responses ?? {})
                        .map(([code, r]) => `${code} ${r.description ?? ''}`.trim())
                        .join('; ')}
                    </p>
                  </section>
                );
              }),
            )}
          </div>
        </main>
      </body>
    </html>
  );
}

/** A request body's schema with its one level of $ref opened, so the page shows the fields themselves. */
function resolve(schema: unknown, schemas: Record<string, unknown>): unknown {
  const ref = (schema as { $ref?: string }).$ref;
  return ref ? (schemas[ref.replace('#/components/schemas/', '')] ?? schema) : schema;
}
