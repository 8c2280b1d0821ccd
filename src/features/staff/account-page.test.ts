import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, TEST_PASSWORD } from '../../../test/support/staff.ts';
import { MAX_FAILURES_PER_ACCOUNT } from './throttle.ts';

/**
 * The account page asks for the password again before a change that a stolen session would make first. Those
 * checks are counted like sign-ins, so the page is no way round the sign-in's limit on guesses.
 */
describeEachDatabase('the account page’s password checks', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(() => {
    app = createTestApp(database()).app;
  });
  const change = (password: string) => ({ current: password, password: 'a brand new passphrase for winter' });

  it('stops guessing after the limit, even with the right password, and says so by the field', async () => {
    const session = await signedInAs(app, database(), 'editor');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const wrong = await session.post('/admin/account/password', change(`guess number ${i}`), {
        from: '/admin/account',
      });
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('Your current password is not right');
    }
    const stopped = await session.post('/admin/account/password', change(TEST_PASSWORD), { from: '/admin/account' });
    expect(stopped.status).toBe(429);
    expect(await stopped.text()).toContain('Too many wrong passwords');
    const disable = await session.post(
      '/admin/account/two-step/disable',
      { 'disable-password': TEST_PASSWORD, 'disable-code': '123456' },
      { from: '/admin/account' },
    );
    expect(disable.status).toBe(429);
  });

  it('clears the count when the right password is given, so a typo or two costs nothing later', async () => {
    const session = await signedInAs(app, database(), 'viewer');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++)
      await session.post('/admin/account/password', change(`typo ${i}`), { from: '/admin/account' });
    const right = await session.post('/admin/account/password', change(TEST_PASSWORD), { from: '/admin/account' });
    expect(right.status).toBe(303);
    const typo = await session.post('/admin/account/password', change('one more typo'), { from: '/admin/account' });
    expect(typo.status).toBe(400);
  });
});
