import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { lettersCount } from '../../admin-messages.ts';
import { campaignTitle, type StaffCampaign } from '../../campaign-editing.ts';
import type { DeliveryState } from '../../delivery.ts';
import type { DistrictTally, LegislatorTally, PacketSection } from '../../reports.ts';
import { PACKET_LETTER_LIMIT } from '../../reports.ts';

/** Enough rows for a screen; the filter narrows it, and the page says when there are more. */
export const DELIVERY_ROW_LIMIT = 500;
import { deliveryStatuses, type DeliveryStatus } from '../../schema.ts';

const chamberName = (chamber: string) => (chamber === 'upper' ? 'Senate' : 'House');

export const deliveryStatusLabels: Record<DeliveryStatus, string> = {
  queued: 'Waiting to send',
  'in-digest': 'In the day’s digest',
  sent: 'Sent',
  failed: 'Failed',
};

function ReportNav(props: { campaign: StaffCampaign }) {
  const base = `/admin/letters/${props.campaign.id}`;
  return (
    <nav aria-label="This campaign’s reports" class="no-print">
      <ul class="list-inline">
        <li>
          <a href={`${base}/report`}>Letters per legislator and district</a>
        </li>
        <li>
          <a href={`${base}/deliveries`}>Delivery of each letter</a>
        </li>
        <li>
          <a href={`${base}/packet`}>Printable lobby packet</a>
        </li>
      </ul>
    </nav>
  );
}

function DistrictMap(props: { chamber: 'upper' | 'lower'; svg: string | undefined; tallies: DistrictTally[] }) {
  const name = chamberName(props.chamber);
  const id = `${props.chamber}-district-table`;
  return (
    <section aria-labelledby={`${props.chamber}-title`}>
      <h3 id={`${props.chamber}-title`}>{name} districts</h3>
      {props.svg ? (
        <figure class="letters-map">
          <div dangerouslySetInnerHTML={{ __html: props.svg }} />
          <figcaption class="hint">
            Darker districts sent more letters; grey, none yet. The table has the numbers.
          </figcaption>
        </figure>
      ) : (
        <p class="hint">The district map appears once the reference data is loaded.</p>
      )}
      {props.tallies.length === 0 ? (
        <p>No letters with a known {name} district yet.</p>
      ) : (
        <DataTable caption={`Letters per ${name} district`} columns={['District', 'Letters']} id={id}>
          {props.tallies.map((t) => (
            <tr>
              <th scope="row">{t.district}</th>
              <td>{t.letters.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** Letters per legislator (as delivered) and per district (where writers live), on the maps. */
export function ReportView(props: {
  campaign: StaffCampaign;
  tallies: LegislatorTally[];
  districts: Record<'upper' | 'lower', DistrictTally[]>;
  maps: Record<'upper' | 'lower', string | undefined>;
}) {
  const { campaign } = props;
  const base = `/admin/letters/${campaign.id}`;
  return (
    <>
      <BackLink href={base}>{campaignTitle(campaign)}</BackLink>
      <h1>Letters: {campaignTitle(campaign)}</h1>
      <ReportNav campaign={campaign} />
      <p>{lettersCount(campaign.letterCount)} written.</p>
      <h2>Per legislator</h2>
      {props.tallies.length === 0 ? (
        <p>No letters yet.</p>
      ) : (
        <>
          <DataTable
            caption="Letters per legislator, most first"
            columns={['Legislator', 'Seat', 'Letters', 'From constituents', 'To the office', 'Sent', 'Packet']}
          >
            {props.tallies.map((t) => (
              <tr>
                <th scope="row">{t.name}</th>
                <td>
                  {chamberName(t.chamber)} {t.district}
                </td>
                <td>{t.letters.toLocaleString('en-US')}</td>
                <td>{t.constituents.toLocaleString('en-US')}</td>
                <td>{t.live.toLocaleString('en-US')}</td>
                <td>{t.sent.toLocaleString('en-US')}</td>
                <td>
                  {/* Named in full for a screen reader; a hidden span would escape the table's scroll box. */}
                  <a
                    href={`${base}/packet?legislator=${encodeURIComponent(t.legislatorId)}`}
                    aria-label={`Packet for ${t.name}`}
                  >
                    Packet
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
          <p>
            <a href={`${base}/report.csv`}>Download these counts (CSV)</a>
          </p>
        </>
      )}
      <h2>Per district</h2>
      <p>Where the writers live, by the districts found for their address.</p>
      <DistrictMap chamber="upper" svg={props.maps.upper} tallies={props.districts.upper} />
      <DistrictMap chamber="lower" svg={props.maps.lower} tallies={props.districts.lower} />
    </>
  );
}

/** Each letter's delivery to each legislator: where it went (the office, or the review address) and how far. */
export function DeliveriesView(props: {
  campaign: StaffCampaign;
  rows: DeliveryState[];
  more: boolean;
  status: DeliveryStatus | undefined;
  timeZone: string;
}) {
  const { campaign } = props;
  const base = `/admin/letters/${campaign.id}`;
  return (
    <>
      <BackLink href={base}>{campaignTitle(campaign)}</BackLink>
      <h1>Delivery: {campaignTitle(campaign)}</h1>
      <ReportNav campaign={campaign} />
      <form method="get" action={`${base}/deliveries`} class="filters">
        <div class="field">
          <label for="status">Show</label>
          <select id="status" name="status">
            <option value="">Every delivery</option>
            {deliveryStatuses.map((s) => (
              <option value={s} selected={props.status === s}>
                {deliveryStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          Show
        </button>
      </form>
      {props.more ? <p>The newest {DELIVERY_ROW_LIMIT} deliveries are shown: choose a state to see others.</p> : null}
      {props.rows.length === 0 ? (
        <p>No deliveries{props.status ? ' in this state' : ''}.</p>
      ) : (
        <DataTable caption="Deliveries, newest letter first" columns={['Letter', 'Writer', 'To', 'Where', 'State']}>
          {props.rows.map((r) => (
            <tr>
              <td>
                #{r.letterId}, <When at={r.writtenAt} timeZone={props.timeZone} />
              </td>
              <td>{r.writer}</td>
              <td>
                {r.legislatorName} ({chamberName(r.chamber)} {r.district})
              </td>
              <td>{r.live ? 'The office' : 'Review address (test)'}</td>
              <td>
                {deliveryStatusLabels[r.state]}
                {r.sentAt ? (
                  <>
                    , <When at={r.sentAt} timeZone={props.timeZone} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/**
 * The lobby packet, printed: one section per legislator (each on a new sheet), the count of letters and of
 * constituents', then the letters, constituents first. The workspace's menu and links stay off the paper.
 */
export function PacketView(props: {
  campaign: StaffCampaign;
  sections: PacketSection[];
  tallies: LegislatorTally[];
  legislatorId: string | undefined;
  timeZone: string;
}) {
  const { campaign } = props;
  const base = `/admin/letters/${campaign.id}`;
  const words = campaign.words.en ?? campaign.words.es;
  return (
    <div class="lobby-packet">
      <BackLink href={base} class="no-print">
        {campaignTitle(campaign)}
      </BackLink>
      <h1>Lobby packet: {campaignTitle(campaign)}</h1>
      <div class="no-print">
        <ReportNav campaign={campaign} />
        <form method="get" action={`${base}/packet`} class="filters">
          <div class="field">
            <label for="legislator">Legislator</label>
            <select id="legislator" name="legislator">
              <option value="">Everyone who received letters</option>
              {props.tallies.map((t) => (
                <option value={t.legislatorId} selected={props.legislatorId === t.legislatorId}>
                  {t.name} ({chamberName(t.chamber)} {t.district})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button secondary">
            Show
          </button>
        </form>
        <p class="hint">
          Print this page with your browser’s Print command: each legislator starts a new sheet. Writers are named with
          their city and ZIP code, as the office saw them; never their street or email.
        </p>
      </div>
      {words?.subjectMatter ? <p>About: {words.subjectMatter}</p> : null}
      {props.sections.length === 0 ? <p>No letters yet.</p> : null}
      {props.sections.map(({ tally, letters }) => (
        <section class="packet-legislator" aria-labelledby={`packet-${tally.legislatorId.replace(/[^a-z0-9]/gi, '-')}`}>
          <h2 id={`packet-${tally.legislatorId.replace(/[^a-z0-9]/gi, '-')}`}>
            {tally.name}, {chamberName(tally.chamber)} District {tally.district}
          </h2>
          <p>
            <strong>{lettersCount(tally.letters)}</strong>, {tally.constituents.toLocaleString('en-US')} of them from
            constituents in District {tally.district}.
            {tally.letters > PACKET_LETTER_LIMIT ? ` The first ${PACKET_LETTER_LIMIT} are printed here.` : ''}
          </p>
          {letters.map((l) => (
            <article class="packet-letter" lang={l.locale}>
              <h3 lang="en">
                {[l.givenName, l.familyName].filter(Boolean).join(' ') || 'A supporter'}, {l.city ? `${l.city} ` : ''}
                {l.zip}
                {l.constituent ? ' · constituent' : ''}
              </h3>
              {l.body.split(/\n{2,}/).map((paragraph) => (
                <p class="pre-line">{paragraph}</p>
              ))}
              {l.story ? <p class="pre-line">{l.story}</p> : null}
              <p class="hint" lang="en">
                Written <When at={l.writtenAt} timeZone={props.timeZone} />
              </p>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
