import { Hono, type Context } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { PersonalDataPart } from '../../../platform/personal-data.ts';
import type { PersonRowsPart } from '../../../platform/person-merge.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import type { Logger } from '../../../platform/logger.ts';
import { locales } from '../../../platform/web/locale.ts';
import type { ActionSource } from '../../../platform/supporter-actions.ts';
import { stopLinksIssuedSoFar } from '../links.ts';
import { addSupporterNote, noteInput } from '../notes.ts';
import { supporterPermissions } from '../permissions.ts';
import { addSupporterTag, getSupporterRecord, removeSupporterTag, tagInput } from '../records.ts';
import { eraseSupporter, exportSupporter, recordSupporterExport } from '../data-rights.ts';
import { fullName } from './views/list.tsx';
import { mountSupporterEditing } from './editing.tsx';
import { mountNoteEditing } from './notes.tsx';
import { mountSupporterExport } from './export.tsx';
import { mountSupporterImport } from './import.tsx';
import { mountMerging } from './merge.tsx';
import { listMerges } from '../merge.ts';
import { mountBulkTagging } from './bulk.tsx';
import { mountSupporterList } from './list.tsx';
import { mountSegments } from './segments.tsx';
import { EraseSupporterPage, SupporterPage } from './views/person.tsx';

const id = ':id{[0-9]{1,9}}';

/**
 * Staff see and look after supporter records here; mounted at /admin/supporters. Who may do what is in permissions.ts.
 */
export function supporterAdminRoutes(deps: {
  db: Db;
  frame: AdminFrame;
  /** What other features hold of a person, for their copy and their erasure (handed in by the app). */
  personalData?: readonly PersonalDataPart[];
  /** Where an uploaded import waits until it is imported (DATA_DIR); without it, no import screens. */
  dataDir?: string;
  logger?: Logger;
  /** Each other feature's rows of a person, for a merge and its undo and the person page (handed in by the app). */
  personRows?: readonly PersonRowsPart[];
  /** What people do through other features, for the list's filters and saved segments (handed in by the app). */
  actions?: readonly ActionSource[];
}): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(supporterPermissions.view));
  const personId = (c: Context<AdminEnv>) => Number(c.req.param('id'));

  // Before the person's page, whose pattern would not match "new" anyway: the add, edit and subscriptions forms.
  mountSupporterEditing(app, deps);
  mountNoteEditing(app, deps);
  if (deps.dataDir) mountSupporterImport(app, { ...deps, dataDir: deps.dataDir });
  mountSupporterExport(app, deps);
  mountMerging(app, deps);
  // Saved segments and bulk actions (issue 18): their own paths, before the person's page.
  mountSegments(app, deps);
  mountBulkTagging(app, deps);

  mountSupporterList(app, deps);

  const personPage = async (
    c: Context<AdminEnv>,
    options: { errors?: FieldErrors; tagValue?: string; noteValue?: string; status?: number; notice?: string } = {},
  ) => {
    const [record, timeZone] = await Promise.all([getSupporterRecord(db, personId(c)), frame.timeZone()]);
    if (!record) return c.notFound();
    const staff = c.get('staff')!;
    const shown = (deps.personRows ?? []).filter((p) => p.activity && p.heading);
    const [activity, merges] = await Promise.all([
      Promise.all(shown.map(async (p) => ({ heading: p.heading!, items: await p.activity!(db, record.person.id) }))),
      supporterPermissions.merge(staff) ? listMerges(db, { keptId: record.person.id }) : [],
    ]);
    const errors = options.errors ?? {};
    const name = fullName(record.person) || record.person.emailAsTyped;
    return frame.render(c, {
      title: Object.keys(errors).length > 0 ? `Error: ${name}` : name,
      current: 'supporters',
      status: options.status ?? 200,
      body: (
        <SupporterPage
          timeZone={timeZone}
          record={record}
          token={frame.csrfToken(c)}
          can={{
            tag: supporterPermissions.tag(staff),
            edit: supporterPermissions.edit(staff),
            note: supporterPermissions.note(staff),
            exportRecord: supporterPermissions.exportRecord(staff),
            stopLinks: supporterPermissions.stopLinks(staff),
            erase: supporterPermissions.erase(staff),
            merge: supporterPermissions.merge(staff),
          }}
          activity={activity}
          merges={merges}
          notice={options.notice}
          tagValue={options.tagValue}
          noteValue={options.noteValue}
          errors={errors}
        />
      ),
    });
  };

  // After adding someone by hand: said here, as what happened depends on whether they were already on the list.
  const added: Record<string, string> = {
    new: 'Added. They are subscribed, and their consent is recorded below.',
    existing: 'This address was already on the list: here is their record. Nothing about them was changed.',
    merged: 'Merged. Everything of the other record is on this one now; the merge can be undone for 30 days.',
    unmerged: 'Merge undone: this record is back as it was, and so is the one it was merged into.',
  };
  app.get(`/${id}`, (c) => {
    const key = c.req.query('added') ?? c.req.query('merge') ?? '';
    return personPage(c, { notice: Object.hasOwn(added, key) ? added[key] : undefined });
  });

  app.post(`/${id}/notes`, frame.allow(supporterPermissions.note), async (c) => {
    const body = await c.req.parseBody();
    const typed = typeof body.note === 'string' ? body.note : '';
    const parsed = noteInput.safeParse(typed);
    if (!parsed.success)
      return personPage(c, { errors: { note: parsed.error.issues[0]?.message }, noteValue: typed, status: 400 });
    if (!(await addSupporterNote(db, personId(c), parsed.data, frame.actor(c)))) return c.notFound();
    return c.redirect(`/admin/supporters/${personId(c)}?notice=saved#timeline`, 303);
  });

  const typedTag = async (c: Context<AdminEnv>) => {
    const body = await c.req.parseBody();
    const typed = typeof body.tag === 'string' ? body.tag : '';
    return { typed, parsed: tagInput.safeParse(typed) };
  };

  app.post(`/${id}/tags`, frame.allow(supporterPermissions.tag), async (c) => {
    const { typed, parsed } = await typedTag(c);
    if (!parsed.success)
      return personPage(c, { errors: { tag: parsed.error.issues[0]?.message }, tagValue: typed, status: 400 });
    if (!(await addSupporterTag(db, personId(c), parsed.data, frame.actor(c)))) return c.notFound();
    return c.redirect(`/admin/supporters/${personId(c)}?notice=saved`, 303);
  });

  app.post(`/${id}/tags/remove`, frame.allow(supporterPermissions.tag), async (c) => {
    const { parsed } = await typedTag(c);
    if (!parsed.success) return personPage(c, { errors: { tag: 'That is not one of their tags' }, status: 400 });
    await removeSupporterTag(db, personId(c), parsed.data, frame.actor(c));
    return c.redirect(`/admin/supporters/${personId(c)}?notice=saved`, 303);
  });

  // A POST, not a link: the download is noted in the audit log, and a form carries the CSRF token.
  app.post(`/${id}/export`, frame.allow(supporterPermissions.exportRecord), async (c) => {
    const data = await exportSupporter(db, personId(c), deps.personalData);
    if (!data) return c.notFound();
    await recordSupporterExport(db, personId(c), frame.actor(c));
    return c.body(JSON.stringify(data, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="supporter-${personId(c)}.json"`,
      'Cache-Control': 'no-store',
    });
  });

  // For someone who fears another person reads their email: the links already sent stop opening their preferences.
  app.post(`/${id}/stop-links`, frame.allow(supporterPermissions.stopLinks), async (c) => {
    if (!(await stopLinksIssuedSoFar(db, personId(c), frame.actor(c)))) return c.notFound();
    return personPage(c, {
      notice:
        'The links in emails sent so far no longer open their preferences. ' +
        'Any of them can still unsubscribe, and can ask for a new link by email.',
    });
  });

  const erasePage = async (c: Context<AdminEnv>, errors: FieldErrors, status = 200) => {
    const record = await getSupporterRecord(db, personId(c));
    if (!record) return c.notFound();
    const name = fullName(record.person) || record.person.emailAsTyped;
    return frame.render(c, {
      title: `${Object.keys(errors).length > 0 ? 'Error: ' : ''}Erase ${name}`,
      current: 'supporters',
      status,
      body: <EraseSupporterPage record={record} token={frame.csrfToken(c)} errors={errors} />,
    });
  };

  app.get(`/${id}/erase`, frame.allow(supporterPermissions.erase), (c) => erasePage(c, {}));

  app.post(`/${id}/erase`, frame.allow(supporterPermissions.erase), async (c) => {
    const body = await c.req.parseBody();
    if (body.confirm !== 'on')
      return erasePage(c, { confirm: 'Tick the box to confirm that you want to erase this person' }, 400);
    if (!(await eraseSupporter(db, personId(c), frame.actor(c), deps.personalData))) return c.notFound();
    return c.redirect('/admin/supporters?notice=deleted', 303);
  });

  return app;
}
