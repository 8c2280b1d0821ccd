import type { Context, Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { supporterPermissions } from '../permissions.ts';
import { getSupporterRecord, type SupporterRecord } from '../records.ts';
import { subscriptionTopics } from '../schema.ts';
import { STAFF_CONSENT } from '../staff-consent.ts';
import { changeSubscriptionsByStaff } from '../subscription-editing.ts';
import {
  addSupporterByHand,
  detailsOf,
  editSupporterDetails,
  newSupporterInput,
  supporterDetailsInput,
} from '../supporter-editing.ts';
import { EditDetailsPage, NewSupporterPage, SubscriptionsPage, type SupporterFormValues } from './views/editing.tsx';
import { fullName } from './views/list.tsx';
import { topicLabel } from './views/wording.ts';

const id = ':id{[0-9]{1,9}}';

/** The form as it was sent: every text field exactly as typed, to show back on a refusal. */
async function typedValues(c: Context<AdminEnv>): Promise<SupporterFormValues> {
  const body = await c.req.parseBody();
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return {
    givenName: text('givenName'),
    familyName: text('familyName'),
    email: text('email'),
    phone: text('phone'),
    zip: text('zip'),
    language: text('language'),
    topics: subscriptionTopics.filter((topic) => body[`topic-${topic}`] === 'on'),
    consent: body.consent === 'on',
  };
}

const titled = (title: string, errors: FieldErrors) => (Object.keys(errors).length > 0 ? `Error: ${title}` : title);

/**
 * Staff add a person by hand, and correct their details and subscriptions:
 * mounted by admin/routes.tsx under /admin/supporters, which has already
 * checked that they may see the list. Who may change it is in permissions.ts.
 */
export function mountSupporterEditing(app: Hono<AdminEnv>, deps: { db: Db; frame: AdminFrame }): void {
  const { db, frame } = deps;
  const personId = (c: Context<AdminEnv>) => Number(c.req.param('id'));
  const nameOf = (record: SupporterRecord) => fullName(record.person) || record.person.emailAsTyped;

  const newForm = (c: Context<AdminEnv>, values: SupporterFormValues, errors: FieldErrors = {}, status = 200) =>
    frame.render(c, {
      title: titled('Add a supporter', errors),
      current: 'supporters',
      status,
      body: <NewSupporterPage token={frame.csrfToken(c)} values={values} errors={errors} />,
    });

  app.get('/new', frame.allow(supporterPermissions.add), (c) => newForm(c, { language: 'en', topics: [] }));

  app.post('/new', frame.allow(supporterPermissions.add), async (c) => {
    const values = await typedValues(c);
    const parsed = newSupporterInput.safeParse(values);
    if (!parsed.success) return newForm(c, values, fieldErrors(parsed.error.issues), 400);
    const added = await addSupporterByHand(db, parsed.data, frame.actor(c));
    return c.redirect(`/admin/supporters/${added.id}?added=${added.existed ? 'existing' : 'new'}`, 303);
  });

  const detailsForm = async (
    c: Context<AdminEnv>,
    values: SupporterFormValues | undefined,
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const record = await getSupporterRecord(db, personId(c));
    if (!record) return c.notFound();
    const shown = values ?? detailsOf(record.person);
    return frame.render(c, {
      title: titled(`Edit details: ${nameOf(record)}`, errors),
      current: 'supporters',
      status,
      body: <EditDetailsPage record={record} token={frame.csrfToken(c)} values={shown} errors={errors} />,
    });
  };

  app.get(`/${id}/edit`, frame.allow(supporterPermissions.edit), (c) => detailsForm(c, undefined));

  app.post(`/${id}/edit`, frame.allow(supporterPermissions.edit), async (c) => {
    const values = await typedValues(c);
    const parsed = supporterDetailsInput.safeParse(values);
    if (!parsed.success) return detailsForm(c, values, fieldErrors(parsed.error.issues), 400);
    const edit = await editSupporterDetails(db, personId(c), parsed.data, frame.actor(c));
    if (edit.outcome === 'missing') return c.notFound();
    if (edit.outcome === 'email-taken') {
      const taken = `Another supporter (number ${edit.otherId}) has this address: open their record from the list`;
      return detailsForm(c, values, { email: taken }, 400);
    }
    return c.redirect(`/admin/supporters/${personId(c)}?notice=saved`, 303);
  });

  const subscriptionsForm = async (
    c: Context<AdminEnv>,
    values: SupporterFormValues | undefined,
    errors: FieldErrors = {},
    status = 200,
  ) => {
    const [record, timeZone] = await Promise.all([getSupporterRecord(db, personId(c)), frame.timeZone()]);
    if (!record) return c.notFound();
    const current = record.subscriptions.filter((s) => s.status !== 'unsubscribed').map((s) => s.topic);
    return frame.render(c, {
      title: titled(`Change subscriptions: ${nameOf(record)}`, errors),
      current: 'supporters',
      status,
      body: (
        <SubscriptionsPage
          record={record}
          token={frame.csrfToken(c)}
          values={values ?? { topics: current }}
          errors={errors}
          timeZone={timeZone}
        />
      ),
    });
  };

  app.get(`/${id}/subscriptions`, frame.allow(supporterPermissions.edit), (c) => subscriptionsForm(c, undefined));

  app.post(`/${id}/subscriptions`, frame.allow(supporterPermissions.edit), async (c) => {
    const values = await typedValues(c);
    const change = { topics: values.topics as (typeof subscriptionTopics)[number][], consent: values.consent === true };
    const edit = await changeSubscriptionsByStaff(db, personId(c), change, frame.actor(c));
    if (edit.outcome === 'missing') return c.notFound();
    if (edit.outcome === 'needs-consent') {
      const topics = edit.topics.map((t) => topicLabel[t]).join(', ');
      return subscriptionsForm(c, values, { consent: `They do not get ${topics} yet. ${STAFF_CONSENT.missing}` }, 400);
    }
    return c.redirect(`/admin/supporters/${personId(c)}?notice=saved`, 303);
  });
}
