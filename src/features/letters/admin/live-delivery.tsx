import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { formText, readForm } from '../../../platform/http/form-body.ts';
import { MessagePage } from '../../../platform/web/components.tsx';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { officesCount } from '../admin-messages.ts';
import { campaignTitle, getCampaignForStaff, turnOffLiveDelivery } from '../campaign-editing.ts';
import { liveDeliveryPreview, turnOnLiveDelivery } from '../delivery.ts';
import { letterPermissions } from '../permissions.ts';
import type { LetterAdminDeps } from './deps.ts';

const idParam = ':id{[0-9]{1,9}}';

/**
 * Live delivery: the one switch that lets letters reach real legislators' offices, for admins only. Turning it
 * on asks first, on a page naming how many offices will receive mail; the count is carried in the form, and if
 * it changed meanwhile (a roster import) the question is asked again with the new number.
 */
export function liveDeliveryRoutes(deps: LetterAdminDeps): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  const allowed = frame.allow(letterPermissions.liveDelivery);
  const campaignOf = (c: Context<AdminEnv>) => getCampaignForStaff(db, Number(c.req.param('id')));

  const askOn = async (c: Context<AdminEnv>, changed?: number) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const back = `/admin/letters/${campaign.id}`;
    if (campaign.liveDeliveryAt !== null) return c.redirect(back, 303);
    const { offices } = await liveDeliveryPreview(db, campaign.id, deps.committeeMembers);
    const name = campaignTitle(campaign);
    if (offices === 0)
      return frame.render(c, {
        title: 'No office can receive these letters yet',
        current: 'letters',
        body: (
          <MessagePage
            title="No office can receive these letters yet"
            body="None of the legislators this campaign writes to has an email address on the roster (or the roster is not loaded). Letters keep going to the review address."
            link={{ href: back, label: `Back to ${name}` }}
          />
        ),
      });
    const title = `Turn on live delivery for “${name}”?`;
    return frame.render(c, {
      title,
      current: 'letters',
      body: (
        <ConfirmationPage
          title={title}
          consequences={[
            ...(changed === undefined
              ? []
              : [`The number of offices changed since you last looked (it was ${officesCount(changed)}).`]),
            `Letters will go to ${officesCount(offices)}: the official email of each legislator this campaign writes to.`,
            `From now on, each letter written is emailed to the legislators’ offices, with the writer as Reply-To, and no longer to ${campaign.reviewAddress}.`,
            'Letters written before now are not sent again: they went to the review address.',
            'You can turn it off again; whatever reached an office meanwhile cannot be taken back.',
          ]}
          action={`${back}/live`}
          token={frame.csrfToken(c)}
          confirmLabel={`Yes, send letters to ${officesCount(offices)}`}
          cancelHref={back}
          hidden={{ offices: String(offices) }}
        />
      ),
    });
  };

  app.get(`/${idParam}/live`, allowed, (c) => askOn(c));
  app.post(`/${idParam}/live`, allowed, async (c) => {
    const form = await readForm(c);
    const id = Number(c.req.param('id'));
    if (formText(form, 'confirmed') !== 'yes') return askOn(c);
    const campaign = await getCampaignForStaff(db, id);
    if (!campaign) return c.notFound();
    const { offices } = await liveDeliveryPreview(db, id, deps.committeeMembers);
    const named = formText(form, 'offices');
    // Confirmed for another count than there is now: ask again rather than write to offices nobody agreed to.
    if (offices === 0 || named !== String(offices)) return askOn(c, /^\d{1,6}$/.test(named) ? Number(named) : 0);
    await turnOnLiveDelivery(db, id, frame.actor(c), deps.committeeMembers);
    deps.cache.invalidate();
    return c.redirect(`/admin/letters/${id}?notice=live-on`, 303);
  });

  const askOff = async (c: Context<AdminEnv>) => {
    const campaign = await campaignOf(c);
    if (!campaign) return c.notFound();
    const back = `/admin/letters/${campaign.id}`;
    if (campaign.liveDeliveryAt === null) return c.redirect(back, 303);
    const title = `Turn off live delivery for “${campaignTitle(campaign)}”?`;
    return frame.render(c, {
      title,
      current: 'letters',
      body: (
        <ConfirmationPage
          title={title}
          consequences={[
            `Letters written from now on go to ${campaign.reviewAddress}, marked [TEST], and not to legislators.`,
            'Letters already on their way to an office are not stopped.',
          ]}
          action={`${back}/live/off`}
          token={frame.csrfToken(c)}
          confirmLabel="Yes, back to test mode"
          cancelHref={back}
          destructive
        />
      ),
    });
  };
  app.get(`/${idParam}/live/off`, allowed, askOff);
  app.post(`/${idParam}/live/off`, allowed, async (c) => {
    if (formText(await readForm(c), 'confirmed') !== 'yes') return askOff(c);
    const outcome = await turnOffLiveDelivery(db, Number(c.req.param('id')), frame.actor(c));
    if (!outcome.ok) return c.notFound();
    deps.cache.invalidate();
    return c.redirect(`/admin/letters/${outcome.id}?notice=live-off`, 303);
  });
  return app;
}
