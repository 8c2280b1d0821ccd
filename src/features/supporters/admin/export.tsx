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
import { supporterPermissions } from '../permissions.ts';
import { filtersSchema, supporterFiltersOf, type ListFilterValues } from './list-filters.ts';
import { listQuery } from './views/list.tsx';

/** What a new export form ticks: what a mailing or a hand-over to a partner usually needs. */
const usualFields: ExportField[] = ['email', 'givenName', 'familyName', 'zip', 'language', 'status'];
const filterNames = ['q', 'topic', 'language', 'county', 'status', 'tag'] as const;

function ExportPage(props: {
  token: string;
  filters: ListFilterValues;
  total: number;
  chosen: readonly ExportField[];
  errors: FieldErrors;
}) {
  const described = filterNames.filter((n) => props.filters[n]);
  return (
    <>
      <BackLink href={`/admin/supporters${listQuery(props.filters, 1)}`}>Supporters</BackLink>
      <ErrorSummary errors={props.errors} title="Choose what goes in the file" />
      <h1>Download supporters as CSV</h1>
      <p>
        {props.total === 1 ? '1 person' : `${props.total.toLocaleString('en-US')} people`}{' '}
        {described.length > 0 ? 'match the filters of the list you came from.' : 'are on the list (no filters).'} The
        file holds personal data: keep it only as long as the work needs, and never send it by plain email. Each
        download is noted in the audit log.
      </p>
      <Form action="/admin/supporters/export" token={props.token}>
        {filterNames.map((name) =>
          props.filters[name] ? <input type="hidden" name={name} value={props.filters[name]} /> : null,
        )}
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
export function mountSupporterExport(app: Hono<AdminEnv>, deps: { db: Db; frame: AdminFrame }): void {
  const { db, frame } = deps;
  const allowed = frame.allow(supporterPermissions.exportList);

  const exportForm = async (
    c: Context<AdminEnv>,
    filters: ListFilterValues,
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
          filters={filters}
          total={await countForExport(db, supporterFiltersOf(filters))}
          chosen={chosen}
          errors={errors}
        />
      ),
    });

  app.get('/export', allowed, (c) => exportForm(c, filtersSchema.parse(c.req.query()), usualFields));

  app.post('/export', allowed, async (c) => {
    const body = await c.req.parseBody();
    const filters = filtersSchema.parse(body);
    const chosen = exportFields.filter((f) => body[`field-${f}`] === 'on');
    if (chosen.length === 0)
      return exportForm(c, filters, chosen, { fields: 'Choose at least one thing to put in the file' }, 400);
    const selected = supporterFiltersOf(filters);
    await recordListExport(db, frame.actor(c), {
      rows: await countForExport(db, selected),
      filters: selected,
      fields: chosen,
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
