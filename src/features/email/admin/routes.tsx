import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { roles } from '../../staff/service.ts';
import { emailMailbox } from '../schema.ts';
import { BackLink } from '../../../platform/web/components.tsx';
import { DataTable } from '../../../platform/web/tables.tsx';
import { When } from '../../../platform/web/when.tsx';

/** Who may read the demo mailbox: it holds people's addresses and their confirmation links. */
export const mailboxPermissions = { read: roles.isAdmin };

/** The demo mailbox: what would have been emailed when no SMTP relay is configured. */
export function mailboxRoutes(deps: { db: Db; frame: AdminFrame }): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(mailboxPermissions.read));

  app.get('/', async (c) => {
    const rows = await db.select().from(emailMailbox).orderBy(desc(emailMailbox.id)).limit(100);
    const timeZone = await frame.timeZone();
    return frame.render(c, {
      title: 'Mailbox',
      current: 'mailbox',
      body: (
        <>
          <h1>Mailbox</h1>
          <p>No SMTP relay is set (SMTP_URL), so email is kept here instead of being sent. Newest first.</p>
          {rows.length === 0 ? <p>Nothing yet.</p> : null}
          <DataTable caption="Kept messages" columns={['When', 'To', 'Subject']}>
            {rows.map((m) => (
              <tr>
                <td>
                  <When at={m.createdAt} timeZone={timeZone} />
                </td>
                <td>{m.toAddress}</td>
                <td>
                  <a href={`/admin/mailbox/${m.id}`}>{m.subject}</a>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      ),
    });
  });

  app.get('/:id{[0-9]{1,15}}', async (c) => {
    const [m] = await db
      .select()
      .from(emailMailbox)
      .where(eq(emailMailbox.id, Number(c.req.param('id'))));
    if (!m) return c.notFound();
    const links = [...m.text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
    return frame.render(c, {
      title: m.subject,
      current: 'mailbox',
      body: (
        <>
          <BackLink href="/admin/mailbox">Mailbox</BackLink>
          <h1>{m.subject}</h1>
          <p>To: {m.toAddress}</p>
          <pre class="mail">{m.text}</pre>
          {links.length > 0 ? (
            <>
              <h2>Links in this message</h2>
              <ul>
                {links.map((href) => (
                  <li>
                    <a href={href}>{href}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ),
    });
  });

  return app;
}
