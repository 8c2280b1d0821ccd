import type { Hono } from 'hono';
import { getSiteSettings } from '../features/content/service.ts';
import { apiRoutes } from '../features/api/service.ts';
import { censusGeocoder } from '../features/petitions/service.ts';
import type { Secrets } from '../platform/crypto.ts';
import { clientIp } from '../platform/http/client-ip.ts';
import type { AppEnv } from '../platform/http/env.ts';
import type { PageCache } from '../platform/http/page-cache.ts';
import { committeeMemberIds } from './committees.ts';
import type { AppDeps } from './deps.ts';
import { supporterActionSources } from './supporter-actions.ts';

/**
 * The OSDI API (issue 20, ADR 073) as the app composes it: what its helpers need from other features (the
 * letters' committees and geocoder, the segments' action sources and the site's zone), and its limits.
 */
export function composedApi(deps: AppDeps, shared: { secrets: Secrets; cache: PageCache }): Hono<AppEnv> {
  const { config, database } = deps;
  const db = database.db;
  return apiRoutes({
    db,
    publicUrl: config.publicUrl,
    secrets: shared.secrets,
    emailDomain: new URL(config.publicUrl).hostname,
    emailQueued: deps.emailQueued ?? (() => {}),
    requestsPerMinute: config.apiRequestsPerMinute,
    clientIp: (c) => clientIp(c, config.trustProxy),
    letters: {
      committeeMembers: committeeMemberIds,
      geocoder: config.censusGeocoderUrl ? censusGeocoder(config.censusGeocoderUrl) : undefined,
    },
    segments: {
      sources: supporterActionSources,
      timeZone: () => shared.cache.value('time-zone', async () => (await getSiteSettings(db)).timeZone),
    },
  });
}
