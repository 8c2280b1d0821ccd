import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';

const token = 'a-metrics-token-long-enough';

describeEachDatabase('who may read /metrics', (database) => {
  const metrics = (env: Record<string, string>, headers: Record<string, string> = {}) =>
    createTestApp(database(), env).app.request('/metrics', { headers });

  it('in production, is not there at all until METRICS_TOKEN is set', async () => {
    const closed = await metrics({ NODE_ENV: 'production' });
    expect(closed.status).toBe(404);
    expect(await closed.text()).not.toContain('http_requests_total');
  });

  it('with METRICS_TOKEN, asks for it as a bearer token, in production and elsewhere', async () => {
    for (const env of [
      { NODE_ENV: 'production', METRICS_TOKEN: token },
      { NODE_ENV: 'development', METRICS_TOKEN: token },
    ]) {
      expect((await metrics(env)).status).toBe(401);
      expect((await metrics(env, { authorization: 'Bearer not-the-token-at-all' })).status).toBe(401);
      const open = await metrics(env, { authorization: `Bearer ${token}` });
      expect(open.status).toBe(200);
      expect(await open.text()).toContain('http_requests_total');
    }
  });

  it('outside production without a token, stays open for a developer', async () => {
    expect((await metrics({ NODE_ENV: 'development' })).status).toBe(200);
  });
});
