import { When } from '../../../platform/web/when.tsx';
import type { AuditReading, AuditRow } from '../../audit/service.ts';
import { ReferenceMissing } from '../../reference/service.ts';

export type AttentionItem = { label: string; href: string; reason: string };

export function WorkspaceHome(props: {
  name: string;
  activity: AuditRow[];
  reading: AuditReading;
  timeZone: string;
  attention: AttentionItem[];
  seesEveryone: boolean;
  /** Set while Oregon's reference data is not loaded: the notice and its button. */
  reference?: { importing: boolean; mayLoad: boolean; csrfToken: string } | undefined;
}) {
  return (
    <>
      <h1>Welcome, {props.name}</h1>
      {props.reference ? <ReferenceMissing {...props.reference} /> : null}
      <section class="section" aria-labelledby="attention">
        <h2 id="attention">Needs attention</h2>
        {props.attention.length === 0 ? <p>Nothing right now.</p> : null}
        <ul class="list-plain">
          {props.attention.map((item) => (
            <li>
              <a href={item.href}>{item.label}</a>: {item.reason}
            </li>
          ))}
        </ul>
      </section>
      <section class="section" aria-labelledby="activity">
        <h2 id="activity">{props.seesEveryone ? 'Recent activity' : 'Your recent activity'}</h2>
        {props.activity.length === 0 ? <p>No activity yet.</p> : null}
        <ul class="list-plain">
          {props.activity.map((r) => (
            <li>
              {/* Only those who may read the log open an entry; others see their own sentences. */}
              {props.seesEveryone ? (
                <a href={`/admin/audit/${r.id}`}>{props.reading.sentence(r)}</a>
              ) : (
                props.reading.sentence(r)
              )}
              <br />
              <span class="hint">
                <When at={r.at} timeZone={props.timeZone} />
              </span>
            </li>
          ))}
        </ul>
        {props.seesEveryone ? (
          <p>
            <a href="/admin/audit">The full audit log</a>
          </p>
        ) : null}
      </section>
    </>
  );
}
