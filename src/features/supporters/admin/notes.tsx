import type { Context, Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { changeSupporterNote, deleteSupporterNote, noteAbout, noteInput } from '../notes.ts';
import { supporterPermissions } from '../permissions.ts';
import { getSupporterRecord } from '../records.ts';
import { fullName } from './views/list.tsx';
import { EditNotePage } from './views/notes.tsx';
import { NoteText } from './views/person.tsx';

const note = ':id{[0-9]{1,9}}/notes/:note{[0-9]{1,15}}';

/**
 * Notes on a person's timeline are corrected or deleted here (they are added on the person's page): mounted by
 * admin/routes.tsx under /admin/supporters. A delete asks first, as every delete does.
 */
export function mountNoteEditing(app: Hono<AdminEnv>, deps: { db: Db; frame: AdminFrame }): void {
  const { db, frame } = deps;
  const ref = (c: Context<AdminEnv>) => ({
    supporterId: Number(c.req.param('id')),
    noteId: Number(c.req.param('note')),
  });
  const personHref = (c: Context<AdminEnv>) => `/admin/supporters/${ref(c).supporterId}`;

  /** The person and the note, or undefined when either is not there. */
  const found = async (c: Context<AdminEnv>) => {
    const { supporterId, noteId } = ref(c);
    const [record, found] = await Promise.all([
      getSupporterRecord(db, supporterId),
      noteAbout(db, supporterId, noteId),
    ]);
    if (!record || !found) return undefined;
    return { name: fullName(record.person) || record.person.emailAsTyped, note: found };
  };

  const editForm = async (c: Context<AdminEnv>, typed?: string, error?: string) => {
    const subject = await found(c);
    if (!subject) return c.notFound();
    const errors = error ? { note: error } : {};
    return frame.render(c, {
      title: `${error ? 'Error: ' : ''}Correct a note about ${subject.name}`,
      current: 'supporters',
      status: error ? 400 : 200,
      body: (
        <EditNotePage
          personHref={personHref(c)}
          personName={subject.name}
          note={subject.note}
          value={typed ?? subject.note.body}
          token={frame.csrfToken(c)}
          errors={errors}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  };

  app.get(`/${note}/edit`, frame.allow(supporterPermissions.note), (c) => editForm(c));

  app.post(`/${note}/edit`, frame.allow(supporterPermissions.note), async (c) => {
    const body = await c.req.parseBody();
    const typed = typeof body.note === 'string' ? body.note : '';
    const parsed = noteInput.safeParse(typed);
    if (!parsed.success) return editForm(c, typed, parsed.error.issues[0]?.message);
    if (!(await changeSupporterNote(db, ref(c), parsed.data, frame.actor(c)))) return c.notFound();
    return c.redirect(`${personHref(c)}?notice=saved#timeline`, 303);
  });

  const askToDelete = async (c: Context<AdminEnv>, status: 200 | 400) => {
    const subject = await found(c);
    if (!subject) return c.notFound();
    return frame.render(c, {
      title: `Delete a note about ${subject.name}?`,
      current: 'supporters',
      status,
      body: (
        <ConfirmationPage
          title={`Delete a note about ${subject.name}?`}
          consequences={[
            'The note is deleted for good: it cannot be put back, and it leaves their timeline and their data.',
            'The audit log will say that you deleted a note, but not what it said.',
          ]}
          action={`${personHref(c)}/notes/${ref(c).noteId}/delete`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, delete the note"
          cancelHref={`${personHref(c)}#timeline`}
          destructive
        >
          <NoteText body={subject.note.body} />
        </ConfirmationPage>
      ),
    });
  };

  app.get(`/${note}/delete`, frame.allow(supporterPermissions.note), (c) => askToDelete(c, 200));

  app.post(`/${note}/delete`, frame.allow(supporterPermissions.note), async (c) => {
    const body = await c.req.parseBody();
    if (body.confirmed !== 'yes') return askToDelete(c, 400);
    if (!(await deleteSupporterNote(db, ref(c), frame.actor(c)))) return c.notFound();
    return c.redirect(`${personHref(c)}?notice=saved#timeline`, 303);
  });
}
