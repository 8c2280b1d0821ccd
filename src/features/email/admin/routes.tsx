import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { allowSandboxedFrames, sandboxedDocument } from '../../../platform/http/sandboxed-frame.tsx';
import { getSiteSettings } from '../../content/service.ts';
import { roles } from '../../staff/service.ts';
import { emailMailbox } from '../schema.ts';
import { linksIn, MailboxList, MailboxMessage } from './views.tsx';

/** Who may read the demo mailbox: it holds people's addresses and their confirmation links. */
export const mailboxPermissions = { read: roles.isAdmin };

const messageId = '/:id{[0-9]{1,15}}';

/** The demo mailbox: what would have been emailed when no SMTP relay is configured. */
export function mailboxRoutes(deps: { db: Db; frame: AdminFrame }): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(mailboxPermissions.read));
  const kept = async (id: string | undefined) => {
    const [m] = await db
      .select()
      .from(emailMailbox)
      .where(eq(emailMailbox.id, Number(id)));
    return m;
  };

  app.get('/', async (c) => {
    const rows = await db.select().from(emailMailbox).orderBy(desc(emailMailbox.id)).limit(100);
    const { timeZone } = await getSiteSettings(db);
    return frame.render(c, {
      title: 'Mailbox',
      current: 'mailbox',
      body: <MailboxList rows={rows} timeZone={timeZone} />,
    });
  });

  app.get(messageId, async (c) => {
    const m = await kept(c.req.param('id'));
    if (!m) return c.notFound();
    const page = await frame.render(c, {
      title: m.subject,
      current: 'mailbox',
      body: <MailboxMessage message={m} links={linksIn(m)} />,
    });
    return allowSandboxedFrames(page);
  });

  // The HTML part on its own, for the sandboxed frame on the message's page.
  app.get(`${messageId}/html`, async (c) => {
    const m = await kept(c.req.param('id'));
    return m?.html ? sandboxedDocument(c, m.html) : c.notFound();
  });

  // A file the message carried (an event's calendar file), as its reader's mail client would save it.
  app.get(`${messageId}/files/:n{[0-9]{1,3}}`, async (c) => {
    const file = (await kept(c.req.param('id')))?.attachments[Number(c.req.param('n'))];
    if (!file) return c.notFound();
    return c.body(file.content, 200, {
      'Content-Type': `${file.contentType.split(';')[0]}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
