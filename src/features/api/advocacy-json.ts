import type { ApiCampaign, ApiOutreach, ApiOutreachTarget } from '../letters/service.ts';
import { personHref } from './people.ts';
import { apiUrl, identifier, isoDate } from './resource.ts';

/**
 * Letter campaigns as OSDI advocacy campaigns, and each letter as an outreach (ADR 073). The legislators written to
 * are public officials and are named; the writer is only linked, for a key that may read people to follow.
 *
 * An outreach carries neither the letter's subject nor its message. They are the writer's own words: the letters
 * feature keeps them out of its CSV report ("never a writer's details") and shows them only in the lobby packet, to
 * staff who may read the supporter list (letters/permissions.ts, ADR 061). The read_actions scope is not that.
 */

const ORIGIN = 'Groundswell';
const chamberWords = (chamber: string) =>
  chamber === 'upper'
    ? { title: 'Senator', organization: 'Oregon State Senate', ocd: 'sldu' }
    : { title: 'Representative', organization: 'Oregon House of Representatives', ocd: 'sldl' };

export const campaignHref = (publicUrl: string, id: number) => apiUrl(publicUrl, `/advocacy_campaigns/${id}`);
export const outreachesHref = (publicUrl: string, id: number) => `${campaignHref(publicUrl, id)}/outreaches`;

/** Whom a campaign writes to, as OSDI targets: a seat for "my senator", the named legislators for a list. */
function campaignTargets(c: ApiCampaign) {
  const targets: Record<string, string>[] = [];
  for (const kind of c.targetKinds) {
    if (kind === 'my-senator') targets.push({ title: 'Senator', organization: 'Oregon State Senate' });
    if (kind === 'my-representative')
      targets.push({ title: 'Representative', organization: 'Oregon House of Representatives' });
    if (kind === 'committee' && c.committee) targets.push({ title: 'Committee member', organization: c.committee });
    if (kind === 'list') for (const l of c.listed) targets.push(targetJson(l));
  }
  return targets;
}

/**
 * A legislator as an OSDI target. The roster keeps one name, so it is given whole (`name`, this site's own field)
 * rather than split into given and family names by a guess.
 */
function targetJson(l: { name: string; chamber: string; district: string }) {
  const words = chamberWords(l.chamber);
  return {
    title: words.title,
    organization: words.organization,
    name: l.name,
    ocdid: `ocd-division/country:us/state:or/${words.ocd}:${l.district}`,
  };
}

export function campaignJson(publicUrl: string, c: ApiCampaign) {
  const self = campaignHref(publicUrl, c.id);
  return {
    identifiers: [identifier(c.id)],
    origin_system: ORIGIN,
    created_date: isoDate(c.createdAt),
    modified_date: isoDate(c.modifiedAt),
    title: c.title,
    description: c.summary,
    type: 'email',
    status: c.status,
    browser_url: `${publicUrl}/letters/${c.slug}`,
    targets: campaignTargets(c),
    total_outreaches: c.outreaches,
    _links: {
      self: { href: self },
      'osdi:outreaches': { href: outreachesHref(publicUrl, c.id) },
      'osdi:record_outreach_helper': { href: `${outreachesHref(publicUrl, c.id)}/record_outreach_helper` },
    },
  };
}

/**
 * Where a letter stands: `review` while it went to the campaign's review address (test mode), else the least
 * advanced of its deliveries (`queued`, `in-digest`), `sent` when all are, `failed` when none could be.
 */
function outreachStatus(targets: ApiOutreachTarget[]): string {
  if (targets.some((t) => !t.live)) return 'review';
  for (const waiting of ['queued', 'in-digest'] as const) if (targets.some((t) => t.state === waiting)) return waiting;
  if (targets.every((t) => t.state === 'failed')) return 'failed';
  return targets.some((t) => t.state === 'failed') ? 'partly-failed' : 'sent';
}

export function outreachJson(publicUrl: string, o: ApiOutreach) {
  return {
    identifiers: [identifier(o.id)],
    origin_system: ORIGIN,
    created_date: isoDate(o.createdAt),
    modified_date: isoDate(o.createdAt),
    action_date: isoDate(o.createdAt),
    type: 'email',
    status: outreachStatus(o.targets),
    targets: o.targets.map((t) => ({ ...targetJson(t), status: t.live ? t.state : 'review' })),
    _links: {
      self: { href: `${outreachesHref(publicUrl, o.campaignId)}/${o.id}` },
      'osdi:advocacy_campaign': { href: campaignHref(publicUrl, o.campaignId) },
      'osdi:person': { href: personHref(publicUrl, o.supporterId) },
    },
  };
}
