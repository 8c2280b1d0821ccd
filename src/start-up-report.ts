import { REFERENCE_PAGE } from './features/reference/demo.ts';
import { IMPORT_COMMAND } from './features/reference/messages.ts';

/** What the person who ran `npm start` needs to know once the site answers. */
export type StartUpFacts = {
  url: string;
  /** Set on the start that created the demo admin: the only time its password exists in the clear. */
  demoAdmin?: { email: string; password: string } | undefined;
  referenceLoaded: boolean;
  smtpConfigured: boolean;
};

/**
 * The lines a person at a terminal reads when the site is up: where it is,
 * how to sign in, and what is still to set up with how to do it. Written
 * straight to the terminal, never through the logger: the demo password must
 * reach no log file (with JSON logs it goes to standard error instead, see
 * announceDemoAdmin).
 */
export function startUpLines(facts: StartUpFacts): string[] {
  const at = (path: string) => `${facts.url}${path}`;
  const lines = [
    '',
    `Groundswell is running at ${facts.url} (in Spanish at ${at('/es')})`,
    '',
    `Staff workspace: ${at('/admin')}`,
  ];
  if (facts.demoAdmin) {
    lines.push(
      `  Sign in as ${facts.demoAdmin.email} with the password ${facts.demoAdmin.password}`,
      '  (a demo admin made for this new database; the password is shown this once and never logged)',
    );
  }
  const missing: string[] = [];
  if (!facts.referenceLoaded) {
    missing.push(
      "  - Oregon's legislators, districts and ZIP code areas are not loaded:",
      '    until they are, petitions hide their district section from visitors.',
      `    Load them at ${at(REFERENCE_PAGE)} (admins), or run: ${IMPORT_COMMAND}`,
    );
  }
  if (!facts.smtpConfigured) {
    missing.push(
      `  - Email is not sent: it waits in the workspace's Mailbox (${at('/admin/mailbox')}).`,
      '    To send it, set SMTP_URL to your mail relay (smtp://user:password@host:587) and restart.',
    );
  }
  if (missing.length > 0) lines.push('', 'Still to set up:', ...missing);
  lines.push('', 'Stop the site with Ctrl+C.', '');
  return lines;
}
