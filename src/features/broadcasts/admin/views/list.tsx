import { formatInZone } from '../../../../platform/web/time.ts';
import { DataTable } from '../../../../platform/web/tables.tsx';
import type { Broadcast } from '../../service.ts';
import { describeAudience, statusLabels } from './labels.ts';

export function BroadcastList(props: { rows: Broadcast[]; timeZone: string; canSend: boolean }) {
  return (
    <>
      <h1>Broadcasts</h1>
      <p>Email to everyone subscribed to a topic, in each person’s language. No open or click tracking: counts only.</p>
      {props.canSend ? (
        <p>
          <a class="button" href="/admin/broadcasts/new">
            New broadcast
          </a>
        </p>
      ) : null}
      {props.rows.length === 0 ? (
        <p>No broadcasts yet.</p>
      ) : (
        <DataTable caption="Broadcasts, newest first" columns={['Name', 'Audience', 'Status', 'When', 'Recipients']}>
          {props.rows.map((b) => (
            <tr>
              <td>
                <a href={`/admin/broadcasts/${b.id}`}>{b.name}</a>
              </td>
              <td>{describeAudience(b.audience)}</td>
              <td>{statusLabels[b.status]}</td>
              <td>
                {b.startedAt
                  ? formatInZone(b.startedAt, props.timeZone)
                  : b.scheduledAt
                    ? formatInZone(b.scheduledAt, props.timeZone)
                    : '—'}
              </td>
              <td>{b.recipientCount ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
