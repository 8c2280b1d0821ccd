import type { Child } from 'hono/jsx';
import { stylesheet, workspaceScript } from './assets.ts';
import { zoneName } from './time.ts';

export type AdminNavItem = { key: string; href: string; label: string };

/**
 * The staff workspace's frame: the site's stylesheet, a plain header with
 * the sections this person may use, and sign-out. English only for now.
 */
export function AdminLayout(props: {
  title: string;
  siteName: string;
  timeZone: string;
  nav: AdminNavItem[];
  current?: string | undefined;
  staff?: { displayName: string; role: string } | undefined;
  csrfToken: string;
  notice?: string | undefined;
  children?: Child;
}) {
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} · Workspace · ${props.siteName}`}</title>
        <link rel="stylesheet" href={stylesheet.path} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <script src={workspaceScript.path} defer />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/admin">
              {props.siteName} · Workspace
            </a>
            {props.staff ? (
              <nav class="site-nav" aria-label="Workspace">
                <ul>
                  {props.nav.map((item) => (
                    <li>
                      <a href={item.href} aria-current={props.current === item.key ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            {props.staff ? (
              <form method="post" action="/admin/sign-out" class="sign-out">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <span class="who">
                  {props.staff.displayName} ({props.staff.role})
                </span>{' '}
                <button type="submit" class="link-button">
                  Sign out
                </button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">
            {props.notice ? (
              <p class="notice success" role="status">
                {props.notice}
              </p>
            ) : null}
            {props.children}
          </div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>Times are {zoneName(props.timeZone)}.</p>
            <p>
              <a href="/">View the public site</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
