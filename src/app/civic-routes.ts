import { Hono } from 'hono';
import type { EventsDeps } from '../features/events/public-deps.ts';
import { eventRoutes } from '../features/events/routes.tsx';
import { legislatorRoutes } from '../features/legislators/routes.tsx';
import { letterRoutes } from '../features/letters/routes.tsx';
import type { Geocoder } from '../features/petitions/service.ts';
import type { AppEnv } from '../platform/http/env.ts';
import type { Locale } from '../platform/web/locale.ts';
import { committeeMemberIds } from './committees.ts';

/**
 * Where a supporter acts with their lawmakers and in person, in one language: events and RSVPs, the
 * legislator directory, letters. Events and letters take people's details, so they get the public forms'
 * guard, block lists and mail hook as sign-up does; letters also find districts by address.
 */
export function civicRoutes(deps: EventsDeps & { geocoder: Geocoder | undefined }, locale: Locale): Hono<AppEnv> {
  const site = new Hono<AppEnv>();
  const { db, publicUrl, siteFrame, notFound } = deps;
  site.route('/', eventRoutes(deps, locale));
  site.route('/', legislatorRoutes({ db, publicUrl, siteFrame, notFound }, locale));
  site.route(
    '/',
    letterRoutes(
      {
        ...deps,
        letter: { publicUrl, committeeMembers: committeeMemberIds },
      },
      locale,
    ),
  );
  return site;
}
