import type { Context, Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { BackLink } from '../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import {
  countForExport,
  exportFieldLabel,
  exportFields,
  recordListExport,
  supporterListCsv,
  type ExportField,
} from '../export-list.ts';
import type { ActionSource } from '../../../platform/supporter-actions.ts';
import { supporterPermissions } from '../permissions.ts';
import type { SupporterFilters } from '../records.ts';
import { hasFilters } from '../segment-filters.ts';
import { segmentContext } from './list.tsx';
import { listScope, type ListScope } from './list-scope.ts';

/** What a new export form ticks: what a mailing or a hand-over to a partner usually needs. */
const usualFields: ExportField[] = ['email', 'givenName', 'familyName', 'zip', 'language', 'status'];

/** Whom the scope selects, as the records' queries take it (the list screen's own way). */
function selectedBy(scope: ListScope): SupporterFilters {
  return { topic: scope.filters.topic, also: scope.where };
}

/** The filters in the audit entry: which were set, never what was searched for or which tags. */
function auditedScope(scope: ListScope): SupporterFilters {
  const f = scope.filters;
  return {
    q: f.q,
    topic: f.topic,
    locale: f.language,
    county: f.county,
    status: f.status,
    tag: f.tags && f.tags.length > 0 ? 'set' : undefined,
  };
}

function ExportPage(props: {
  token: string;
  scope: ListScope;
  total: number;
  chosen: readonly ExportField[];
  errors: FieldErrors;
}) {
  const { scope } = props;
  const whom = scope.segment
    ? `are in the segment “${scope.segment.name}”.`
    : hasFilters(scope.filters)
      ? 'match the filters of the list you came from.'
      : 'are on the list (no filters).';
  return (
    <>
      <BackLink href={`/admin/supporters${scope.query}`}>Supporters</BackLink>
      <ErrorSummary errors={props.errors} title="Choose what goes in the file" />
      <h1>Download supporters as CSV</h1>
      <p>
        {props.total === 1 ? '1 person' : `${props.total.toLocaleString('en-US')} people`} {whom} The file holds
        personal data: keep it only as long as the work needs, and never send it by plain email. Each download is noted
        in the audit log.
      </p>
      <Form action="/admin/supporters/export" token={props.token}>
        {/* Whom to export travels as the list's own query string, read again (and checked again) on download. */}
        <input type="hidden" name="scope" value={scope.query} />
        <fieldset
          class={props.errors.fields ? 'field field-error' : 'field'}
          id="fields"
          aria-describedby={props.errors.fields ? 'fields-error' : undefined}
        >
          <legend>What goes in the file</legend>
          {props.errors.fields ? (
            <p class="error-message" id="fields-error">
              <span class="visually-hidden">Error: </span>
              {props.errors.fields}
            </p>
          ) : null}
          {exportFields.map((f) => (
            <Checkbox name={`field-${f}`} label={exportFieldLabel[f]} checked={props.chosen.includes(f)} />
          ))}
        </fieldset>
        <button class="button" type="submit">
          Download CSV
        </button>
      </Form>
    </>
  );
}

/**
 * The supporter list's current filters downloaded as CSV, with the columns
 * staff tick; mounted by admin/routes.tsx under /admin/supporters. A POST:
 * it is audited, and the form carries the CSRF token.
 */
export function mountSupporterExport(
  app: Hono<AdminEnv>,
  deps: { db: Db; frame: AdminFrame; actions?: readonly ActionSource[] | undefined },
): void {
  const { db, frame } = deps;
  const allowed = frame.allow(supporterPermissions.exportList);
  const scopeOf = async (query: string) =>
    listScope(db, new URLSearchParams(query.startsWith('?') ? query.slice(1) : query), await segmentContext(deps));

  const exportForm = async (
    c: Context<AdminEnv>,
    scope: ListScope,
    chosen: readonly ExportField[],
    errors: FieldErrors = {},
    status = 200,
  ) =>
    frame.render(c, {
      title: Object.keys(errors).length > 0 ? 'Error: Download supporters' : 'Download supporters',
      current: 'supporters',
      status,
      body: (
        <ExportPage
          token={frame.csrfToken(c)}
          scope={scope}
          total={await countForExport(db, selectedBy(scope))}
          chosen={chosen}
          errors={errors}
        />
      ),
    });

  app.get('/export', allowed, async (c) => {
    const scope = await scopeOf(new URL(c.req.url).search);
    if (scope === 'missing') return c.notFound();
    return exportForm(c, scope, usualFields);
  });

  app.post('/export', allowed, async (c) => {
    const body = await c.req.parseBody();
    const scope = await scopeOf(typeof body.scope === 'string' ? body.scope : '');
    if (scope === 'missing') return c.notFound();
    const chosen = exportFields.filter((f) => body[`field-${f}`] === 'on');
    if (chosen.length === 0)
      return exportForm(c, scope, chosen, { fields: 'Choose at least one thing to put in the file' }, 400);
    const selected = selectedBy(scope);
    await recordListExport(db, frame.actor(c), {
      rows: await countForExport(db, selected),
      filters: auditedScope(scope),
      fields: chosen,
      segment: scope.segment?.id,
    });
    const log = c.get('log');
    async function* reported() {
      try {
        yield* supporterListCsv(db, selected, chosen);
      } catch (error) {
        log?.error({ err: error }, 'supporter export failed part-way');
        throw error;
      }
    }
    // A pull-based stream, as the signature export: an error aborts the download instead of ending it looking whole.
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(ReadableStream.from(reported()).pipeThrough(new TextEncoderStream()), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="supporters-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    });
  });
}
