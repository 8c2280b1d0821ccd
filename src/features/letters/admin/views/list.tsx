import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { lettersCount, statusLabels } from '../../admin-messages.ts';
import { campaignTitle, type StaffCampaign } from '../../campaign-editing.ts';

export function StatusBadge(props: { status: StaffCampaign['status'] }) {
  const kind =
    props.status === 'draft' ? 'badge badge-draft' : props.status === 'closed' ? 'badge badge-missing' : 'badge';
  return <span class={kind}>{statusLabels[props.status]}</span>;
}

/** Live delivery on, or the test mode every campaign starts in, in words rather than a colour alone. */
export function DeliveryBadge(props: { live: boolean }) {
  return props.live ? <span class="badge">Live delivery</span> : <span class="badge badge-draft">Test mode</span>;
}

/** /admin/letters: every campaign, newest first, with where it stands and how many have written. */
export function CampaignListView(props: { campaigns: StaffCampaign[]; canManage: boolean; timeZone: string }) {
  return (
    <>
      <h1>Letters to legislators</h1>
      <p>
        Campaigns in which supporters write to their own legislators: listed at /letters while open. Each starts in test
        mode, sending every letter to its review address, until an admin turns on live delivery.
      </p>
      {props.canManage ? (
        <p>
          <a class="button" href="/admin/letters/new">
            Create a campaign
          </a>
        </p>
      ) : null}
      {props.campaigns.length === 0 ? (
        <p>No campaigns yet.</p>
      ) : (
        <DataTable
          caption="Letter campaigns, newest first"
          columns={['Campaign', 'State', 'Delivery', 'Closes', 'Letters']}
        >
          {props.campaigns.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/admin/letters/${c.id}`}>{campaignTitle(c)}</a>
                {c.isDemo ? ' (sample)' : null}
              </th>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>
                <DeliveryBadge live={c.liveDeliveryAt !== null} />
              </td>
              <td>{c.closesAt ? <When at={c.closesAt} timeZone={props.timeZone} /> : 'No end date'}</td>
              <td>
                {lettersCount(c.letterCount)}
                {c.goal ? ` of ${c.goal.toLocaleString('en-US')}` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
