import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { districtMapSvg } from '../../reference/service.ts';
import { campaignTitle, getCampaignForStaff } from '../campaign-editing.ts';
import { letterPermissions } from '../permissions.ts';
import { deliveryStatesFor } from '../delivery.ts';
import { lettersPerDistrict, lettersPerLegislator, lobbyPacket, tallyCsv } from '../reports.ts';
import { deliveryStatuses, type DeliveryStatus } from '../schema.ts';
import type { LetterAdminDeps } from './deps.ts';
import { DELIVERY_ROW_LIMIT } from './views/reports.tsx';
import { DeliveriesView, PacketView, ReportView } from './views/reports.tsx';

const idParam = ':id{[0-9]{1,9}}';

/**
 * What staff show lawmakers: letters per legislator and per district (on the maps), each letter's delivery, and
 * the printable lobby packet; the counts as CSV. Letters and their writers are personal data, so all of it asks
 * `reports` (those who run campaigns).
 */
export function reportRoutes(deps: LetterAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  const allowed = frame.allow(letterPermissions.reports);
  const campaignOf = (c: Context<AdminEnv>) => getCampaignForStaff(db, Number(c.req.param('id')));

  app.get(`/${idParam}/report`, allowed, async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const [tallies, districts] = await Promise.all([
      lettersPerLegislator(db, campaign.id),
      lettersPerDistrict(db, campaign.id),
    ]);
    const map = (chamber: 'upper' | 'lower') =>
      districtMapSvg(db, chamber, new Map(districts[chamber].map((t) => [t.district, t.letters])), {
        title: `Letters per ${chamber === 'upper' ? 'Senate' : 'House'} district`,
        describedBy: `${chamber}-district-table`,
      });
    const [upper, lower] = await Promise.all([map('upper'), map('lower')]);
    return frame.render(c, {
      title: `Letters: ${campaignTitle(campaign)}`,
      current: 'letters',
      body: <ReportView campaign={campaign} tallies={tallies} districts={districts} maps={{ upper, lower }} />,
    });
  });

  app.get(`/${idParam}/report.csv`, allowed, async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const csv = tallyCsv(await lettersPerLegislator(db, campaign.id));
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="letters-${campaign.slug}.csv"`,
      'cache-control': 'no-store',
    });
  });

  app.get(`/${idParam}/deliveries`, allowed, async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const asked = c.req.query('status');
    const status = deliveryStatuses.find((s) => s === asked) as DeliveryStatus | undefined;
    // One more than is shown, to say when there are more.
    const rows = await deliveryStatesFor(db, campaign.id, {
      ...(status ? { state: status } : {}),
      limit: DELIVERY_ROW_LIMIT + 1,
    });
    return frame.render(c, {
      title: `Delivery: ${campaignTitle(campaign)}`,
      current: 'letters',
      body: (
        <DeliveriesView
          campaign={campaign}
          rows={rows.slice(0, DELIVERY_ROW_LIMIT)}
          more={rows.length > DELIVERY_ROW_LIMIT}
          status={status}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  });

  app.get(`/${idParam}/packet`, allowed, async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const tallies = await lettersPerLegislator(db, campaign.id);
    const asked = c.req.query('legislator');
    // Only a legislator who received letters can be asked for; anything else shows everyone.
    const legislatorId = tallies.find((t) => t.legislatorId === asked)?.legislatorId;
    return frame.render(c, {
      title: `Lobby packet: ${campaignTitle(campaign)}`,
      current: 'letters',
      body: (
        <PacketView
          campaign={campaign}
          sections={await lobbyPacket(db, campaign.id, legislatorId)}
          tallies={tallies}
          legislatorId={legislatorId}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  });
  return app;
}
