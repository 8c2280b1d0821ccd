import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { sendHtml, sendPrepared } from '../../../platform/http/respond.ts';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { renderDocument } from '../../../platform/web/layout.tsx';
import { recordAudit } from '../../audit/service.ts';
import { getSiteSettings } from '../../content/service.ts';
import { supporterPermissions } from '../../supporters/service.ts';
import { petitionIdParam, readForm, type PetitionAdminDeps } from './http.ts';
import { getPetition, type Petition } from '../petition-editing.ts';
import {
  auditFilters,
  invalidateSignatures,
  invalidationPreview,
  listSignatures,
  parseFilters,
} from '../signature-review.ts';
import { exportStatement, signatureCsv } from '../export.ts';
import { runExportProcess } from '../export-runner.ts';
import { districtTallies, packetFor, type PacketChamber } from '../packet.ts';
import { petitionPermissions } from '../permissions.ts';
import { PACKET_STYLESHEET_PATH, PacketDocument, PacketIndexPage, packetStylesheet } from './views/packet.tsx';
import { InvalidateConfirmPage, SignatureListPage } from './views/signatures.tsx';

const PER_PAGE = 50;
const seats: Record<PacketChamber, number> = { senate: 30, house: 60 };

/** A petition's signatures, their export, bulk invalidation and the delivery packets. */
export function signatureRoutes(deps: PetitionAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  const timeZone = async () => (await getSiteSettings(db)).timeZone;
  const load = (c: Context<AdminEnv>): Promise<Petition | undefined> => getPetition(db, Number(c.req.param('id')));

  app.get(PACKET_STYLESHEET_PATH.replace('/admin/petitions', ''), (c) =>
    sendPrepared(c, packetStylesheet, { cacheControl: 'private, no-cache' }),
  );

  const listPage = async (c: Context<AdminEnv>, p: Petition) => {
    const staff = c.get('staff')!;
    const zone = await timeZone();
    const { filters, values, errors } = parseFilters(c.req.query(), zone);
    const failed = Object.keys(errors).length > 0;
    const before = /^[0-9]{1,15}$/.test(c.req.query('before') ?? '') ? Number(c.req.query('before')) : undefined;
    const page = failed
      ? { rows: [], nextBefore: undefined }
      : await listSignatures(db, p.id, filters, { before, perPage: PER_PAGE });
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Signatures: ${p.en.title}`,
      current: 'petitions',
      status: failed ? 400 : 200,
      body: (
        <SignatureListPage
          petition={p}
          rows={page.rows}
          values={values}
          errors={errors}
          nextBefore={page.nextBefore}
          paged={before !== undefined}
          timeZone={zone}
          can={{
            export: petitionPermissions.exportSignatures(staff),
            invalidate: petitionPermissions.invalidate(staff),
            supporters: supporterPermissions.view(staff),
          }}
        />
      ),
    });
  };

  app.get(`${petitionIdParam}/signatures`, frame.allow(petitionPermissions.viewSignatures), async (c) => {
    const p = await load(c);
    return p ? listPage(c, p) : c.notFound();
  });

  /**
   * The whole list as CSV, streamed as it is read (see export.ts). Built on
   * a pull-based ReadableStream rather than hono/streaming's stream(): that
   * helper ends the response normally when the callback throws, so a
   * failed export would download as a complete-looking, truncated file.
   * Here an error aborts the response, and the browser says it failed.
   */
  app.get(`${petitionIdParam}/signatures.csv`, frame.allow(petitionPermissions.exportSignatures), async (c) => {
    const p = await load(c);
    if (!p) return c.notFound();
    const { filters, errors } = parseFilters(c.req.query(), await timeZone());
    if (Object.keys(errors).length > 0) return listPage(c, p);
    // Noted before the first byte: once rows have left, the download has happened, finished or not.
    await recordAudit(db, frame.actor(c), {
      action: 'petition.export',
      subjectType: 'petition',
      subjectId: p.id,
      subjectLabel: p.en.title,
      after: { filters: auditFilters(filters) },
    });
    const log = c.get('log');
    let body: ReadableStream<Uint8Array>;
    if (deps.databaseUrl) {
      // On PostgreSQL the file is written by a process of its own (ADR 023); this one only passes it on.
      const run = runExportProcess(deps.databaseUrl, exportStatement(p.id, filters));
      run.done.then(
        (report) =>
          log?.info(
            { petitionId: p.id, rows: report.rows, exportPeakRssMb: Math.round(report.peakRss / 104857.6) / 10 },
            'signature export finished',
          ),
        (error: unknown) => log?.error({ err: error, petitionId: p.id }, 'signature export failed part-way'),
      );
      body = run.body;
    } else {
      // The embedded database serves this process alone: the export runs here, a page of rows at a time.
      const rows = signatureCsv(db, p.id, filters);
      async function* reported() {
        try {
          yield* rows;
        } catch (error) {
          log?.error({ err: error, petitionId: p!.id }, 'signature export failed part-way');
          throw error;
        }
      }
      body = ReadableStream.from(reported()).pipeThrough(new TextEncoderStream());
    }
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="petition-${p.slug}-signatures.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  const confirmPage = async (
    c: Context<AdminEnv>,
    p: Petition,
    query: Record<string, string | undefined>,
    extra: FieldErrors = {},
  ) => {
    const { filters, values, errors } = parseFilters(query, await timeZone());
    // Filters that read well get their count and the button again, even when the confirmation was incomplete.
    const preview =
      Object.keys(errors).length > 0
        ? { total: 0, verified: 0, through: 0 }
        : await invalidationPreview(db, p.id, filters);
    Object.assign(errors, extra);
    const failed = Object.keys(errors).length > 0;
    return frame.render(c, {
      title: `${failed ? 'Error: ' : ''}Invalidate signatures: ${p.en.title}`,
      current: 'petitions',
      status: failed ? 400 : 200,
      body: (
        <InvalidateConfirmPage
          petition={p}
          values={values}
          errors={errors}
          preview={preview}
          token={frame.csrfToken(c)}
        />
      ),
    });
  };

  app.get(`${petitionIdParam}/invalidate`, frame.allow(petitionPermissions.invalidate), async (c) => {
    const p = await load(c);
    return p ? confirmPage(c, p, c.req.query()) : c.notFound();
  });

  app.post(`${petitionIdParam}/invalidate`, frame.allow(petitionPermissions.invalidate), async (c) => {
    const p = await load(c);
    if (!p) return c.notFound();
    const form = await readForm(c);
    const query: Record<string, string> = {};
    for (const [k, v] of form) if (typeof v === 'string' && k !== '_csrf') query[k] = v;
    const { filters, values, errors } = parseFilters(query, await timeZone());
    const through = /^[0-9]{1,15}$/.test(query.through ?? '') ? Number(query.through) : 0;
    if (through < 1)
      return confirmPage(c, p, query, {
        form: 'The confirmation was incomplete: check the count below and confirm again',
      });
    if (Object.keys(errors).length > 0) return confirmPage(c, p, query);
    await invalidateSignatures(db, p.id, filters, through, frame.actor(c));
    deps.live?.counted(p);
    const back = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as [string, string][]);
    back.set('notice', 'saved');
    return c.redirect(`/admin/petitions/${p.id}/signatures?${back}`, 303);
  });

  app.get(`${petitionIdParam}/packets`, async (c) => {
    const p = await load(c);
    if (!p) return c.notFound();
    return frame.render(c, {
      title: `Delivery packets: ${p.en.title}`,
      current: 'petitions',
      body: <PacketIndexPage petition={p} tallies={await districtTallies(db, p.id)} />,
    });
  });

  app.get(`${petitionIdParam}/packet/:chamber{senate|house}/:district{[1-9][0-9]?}`, async (c) => {
    const p = await load(c);
    const chamber = c.req.param('chamber') as PacketChamber;
    const district = c.req.param('district');
    if (!p || Number(district) > seats[chamber]) return c.notFound();
    const settings = await getSiteSettings(db);
    const html = await renderDocument(
      <PacketDocument
        petition={p}
        packet={await packetFor(db, p.id, chamber, district)}
        chamber={chamber}
        district={district}
        siteName={settings.name}
        generated={new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: settings.timeZone }).format(
          new Date(),
        )}
      />,
    );
    const res = sendHtml(c, html);
    // Names and comments of constituents: no cache keeps them.
    res.headers.set('Cache-Control', 'no-store');
    return res;
  });

  return app;
}
