import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { Secrets } from '../crypto.ts';
import { AdminLayout, type AdminNavItem } from '../web/admin-layout.tsx';
import { renderDocument } from '../web/layout.tsx';
import { csrfTokenFor } from './csrf.ts';
import type { AppEnv } from './env.ts';
import { sendHtml } from './respond.ts';

/** Who is signed in, as the staff feature tells the rest of the workspace. */
export type AdminIdentity = {
  id: number;
  email: string;
  displayName: string;
  role: 'admin' | 'organizer' | 'editor' | 'viewer';
  /** May read survivors' stories: granted by an admin on top of the role (ADR 063). */
  storiesAccess: boolean;
  sessionIdHash: string;
  awaitingSecondFactor: boolean;
  totpEnabled: boolean;
};

export type AdminEnv = {
  Variables: AppEnv['Variables'] & {
    staff: AdminIdentity | undefined;
    ip: string;
  };
};

export type AdminNavEntry = AdminNavItem & { visible: (staff: AdminIdentity) => boolean };

// Messages shown after a redirect, by code, so no text travels in URLs.
const notices: Record<string, string> = {
  saved: 'Saved.',
  created: 'Created.',
  deleted: 'Deleted.',
  published: 'Published: it is on the public site now.',
  unpublished: 'Unpublished: it is no longer on the public site.',
  restored: 'Restored that version.',
  'signed-out-elsewhere': 'Signed out of every other browser.',
  'password-changed': 'Password changed. Other browsers were signed out.',
  'totp-disabled': 'Two-step sign-in is off.',
  uploaded: 'File uploaded.',
  'test-sent': 'Test sent to your address.',
  scheduled: 'Scheduled. It starts at the time you chose.',
  sending: 'Sending now.',
  cancelled: 'Cancelled.',
  opened: 'Opened: it is on the public site and takes responses.',
  closed: 'Closed: it takes no more responses.',
  'live-on': 'Live delivery is on: from now on, mail goes to its real recipients.',
  'live-off': 'Live delivery is off: mail goes to the review address again.',
  'changed-meanwhile': 'It changed meanwhile (someone else, or it started): here it is as it stands now.',
};

/**
 * The workspace frame every feature's admin screens use: rendering inside
 * the admin layout, the signed-in check and the permission check. Features
 * state what they need; this answers 403 in one place and one style.
 */
export class AdminFrame {
  constructor(
    private readonly deps: {
      secrets: Secrets;
      secure: boolean;
      siteName: () => Promise<string>;
      /** The organisation's zone (an IANA name): every time on a workspace screen is in it. */
      timeZone: () => Promise<string>;
      nav: AdminNavEntry[];
    },
  ) {}

  csrfToken(c: Context): string {
    return csrfTokenFor(c, this.deps.secrets, this.deps.secure);
  }

  /** The zone every workspace time is read and typed in; screens pass it to `When`. */
  timeZone(): Promise<string> {
    return this.deps.timeZone();
  }

  async render(
    c: Context<AdminEnv>,
    page: { title: string; body: Child; current?: string; status?: number },
  ): Promise<Response> {
    const staff = c.get('staff');
    const signedIn = staff && !staff.awaitingSecondFactor ? staff : undefined;
    const html = await renderDocument(
      <AdminLayout
        title={page.title}
        siteName={await this.deps.siteName()}
        timeZone={await this.deps.timeZone()}
        nav={signedIn ? this.deps.nav.filter((n) => n.visible(signedIn)) : []}
        current={page.current}
        staff={signedIn}
        csrfToken={this.csrfToken(c)}
        notice={notices[c.req.query('notice') ?? '']}
      >
        {page.body}
      </AdminLayout>,
    );
    const res = sendHtml(c, html, page.status ?? 200);
    // Workspace pages hold private data: never cached by browsers or proxies.
    res.headers.set('Cache-Control', 'no-store');
    return res;
  }

  /** Sends people who are not fully signed in to the sign-in page, and back here afterwards. */
  requireSignedIn(): MiddlewareHandler<AdminEnv> {
    return async (c, next) => {
      const staff = c.get('staff');
      if (!staff) {
        const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : '';
        return c.redirect(`/admin/sign-in${back}`, 303);
      }
      if (staff.awaitingSecondFactor) return c.redirect('/admin/sign-in/two-step', 303);
      return next();
    };
  }

  /** Refuses with 403 unless the feature's permissions allow this person. */
  allow(check: (staff: AdminIdentity) => boolean): MiddlewareHandler<AdminEnv> {
    return async (c, next) => {
      const staff = c.get('staff');
      if (!staff || !check(staff)) return this.forbidden(c);
      return next();
    };
  }

  forbidden(c: Context<AdminEnv>): Promise<Response> {
    return this.render(c, {
      title: 'Not allowed',
      status: 403,
      body: (
        <>
          <h1>You can’t do that</h1>
          <p>Your role does not allow this. If you need it, ask an admin to change your role.</p>
          <p>
            <a href="/admin">Back to the workspace</a>
          </p>
        </>
      ),
    });
  }

  /** Who did it, for the audit log. */
  actor(c: Context<AdminEnv>): { staffId: number; email: string; ip: string } {
    const staff = c.get('staff')!;
    return { staffId: staff.id, email: staff.email, ip: c.get('ip') };
  }
}
