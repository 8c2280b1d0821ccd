import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { Secrets } from '../../platform/crypto.ts';
import { createLogger } from '../../platform/logger.ts';
import { createTestApp, testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, TEST_PASSWORD } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import {
  announceDemoAdmin,
  clearTwoStepFromCli,
  createStaffFromCli,
  DEMO_ADMIN_EMAIL,
  ensureDemoAdmin,
} from './cli.ts';
import { createStaff, enableTotp, findStaffByEmail, StaffInputError } from './service.ts';

const secrets = new Secrets(testConfig().secretKey);

describeEachDatabase('staff commands at the terminal', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;
  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  // First, while the database has no staff: the demo admin is made only then.
  it('makes a demo admin who may read the demo’s stories, the grant audited', async () => {
    expect(await ensureDemoAdmin(db())).toMatchObject({ email: DEMO_ADMIN_EMAIL });
    const admin = await findStaffByEmail(db(), DEMO_ADMIN_EMAIL);
    expect(admin).toMatchObject({ role: 'admin', storiesAccess: true });
    const grants = (await listAudit(db(), { action: 'staff.stories-access' })).rows;
    expect(grants.map((g) => g.subjectId)).toEqual([String(admin!.id)]);
    expect(await ensureDemoAdmin(db())).toBeUndefined();
  });

  it('turns off the two-step sign-in of someone who lost their authenticator, and says so in the log', async () => {
    const email = `lost-phone-${randomBytes(4).toString('hex')}@staff.example`;
    const member = await createStaff(db(), {
      email,
      displayName: 'Lost Phone',
      role: 'editor',
      password: TEST_PASSWORD,
    });
    const secret = new Secret({ size: 20 }).base32;
    const earlier = Date.now() - 30_000;
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: earlier });
    await enableTotp(db(), secrets, member.id, secret, code, earlier);
    const before = await browser(app).post('/admin/sign-in', { email, password: TEST_PASSWORD });
    expect(before.headers.get('location')).toBe('/admin/sign-in/two-step');

    expect(await clearTwoStepFromCli(db(), { email })).toContain('Two-step sign-in turned off');
    const after = await browser(app).post('/admin/sign-in', { email, password: TEST_PASSWORD });
    expect(after.headers.get('location')).toBe('/admin');
    const entries = (await listAudit(db(), { action: 'staff.two-step-off', perPage: 50 })).rows;
    expect(entries.some((e) => e.subjectId === String(member.id) && e.summary.note === 'from the command line')).toBe(
      true,
    );
  });

  it('refuses an address with no account, by the flag', async () => {
    await expect(clearTwoStepFromCli(db(), { email: 'nobody@staff.example' })).rejects.toBeInstanceOf(StaffInputError);
  });
});

describe('staff accounts from the command line', () => {
  it('refuses staff:create without --role instead of making an admin', async () => {
    // Refused before the database is touched: no database is needed to see it.
    await expect(createStaffFromCli(undefined as never, { email: 'x@staff.example' }, TEST_PASSWORD)).rejects.toThrow(
      '--role is required: one of admin, organizer, editor, viewer',
    );
  });

  it("prints the demo admin's password once to the terminal and never into the log", () => {
    let logged = '';
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk;
        done();
      },
    });
    const logger = createLogger({ level: 'info', pretty: false, destination });
    let terminal = '';
    announceDemoAdmin({ email: 'admin@groundswell.example', password: 'demo-s3cret-value' }, logger, {
      write: (text: string) => (terminal += text),
    });
    expect(terminal.split('demo-s3cret-value')).toHaveLength(2);
    expect(logged).toContain('Demo admin created');
    expect(logged).not.toContain('demo-s3cret-value');
  });
});
