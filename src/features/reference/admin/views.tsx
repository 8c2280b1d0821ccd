import { Form } from '../../../platform/web/forms.tsx';
import { DataTable } from '../../../platform/web/tables.tsx';
import { formatInZone } from '../../../platform/web/time.ts';
import { nothingChanged } from '../changes.ts';
import type { ImportJob } from '../import-job.ts';
import type { ImportSummary } from '../import.ts';
import type { ReferenceChanges, SeatHolder } from '../schema.ts';
import type { ReferenceStatus } from '../service.ts';
import { LOCAL_LAYOUT } from '../sources.ts';

/** What the page shows of the newest job: its row, who started it, and whether its process stopped under it. */
export type JobView = { job: ImportJob; startedBy: string; abandoned: boolean };

const number = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;
const chamberName = (chamber: string) => (chamber === 'upper' ? 'Senate' : 'House');
const seatName = (p: SeatHolder) =>
  `${p.name} (${chamberName(p.chamber)} District ${p.district}${p.party ? `, ${p.party}` : ''})`;

/** The steps as staff read them, in order. */
const steps = [
  { key: 'reading', label: 'Read the files in the folder' },
  { key: 'checking', label: 'Check every file' },
  { key: 'writing', label: 'Replace the data in the database' },
] as const;

function describeFound(found: ImportSummary): string {
  const districts = `${number(found.senateDistricts)} Senate and ${number(found.houseDistricts)} House districts`;
  const zips = plural(found.zips, 'ZIP code area', 'ZIP code areas');
  return `${plural(found.legislators, 'legislator', 'legislators')}, ${districts}, ${zips}`;
}

export function ReferencePage(props: {
  status: ReferenceStatus;
  latest: JobView | undefined;
  folder: string;
  folderFound: boolean;
  timeZone: string;
  csrfToken: string;
  /** The page refreshes itself while a job runs, unless the person turned that off. */
  autoUpdate: boolean;
}) {
  const { latest, status } = props;
  const running = latest?.job.status === 'running' && !latest.abandoned;
  const loaded = status.legislators > 0 && status.districts > 0 && status.zips > 0;
  return (
    <>
      <h1>Oregon reference data</h1>
      <p>
        Oregon’s legislators, their Senate and House districts, and the ZIP code areas in each. Petitions use them to
        show signers their district and legislators, and to count signatures by district.
        {loaded ? null : ' Until they are loaded, the district section of each petition is hidden from visitors.'}
      </p>
      {latest ? (
        running ? (
          <Progress view={latest} timeZone={props.timeZone} autoUpdate={props.autoUpdate} />
        ) : (
          <Outcome view={latest} timeZone={props.timeZone} />
        )
      ) : null}
      <section class="section" aria-labelledby="loaded-now">
        <h2 id="loaded-now">Loaded now</h2>
        {loaded ? (
          <DataTable caption="Reference data loaded now" columns={['Data', 'Rows', 'From', 'Loaded']}>
            {latestImports(status).map((i) => (
              <tr>
                <td>{datasetNames[i.dataset] ?? i.dataset}</td>
                <td>{number(i.rows)}</td>
                <td class="wrap-anywhere">{i.source}</td>
                <td>{formatInZone(i.importedAt, props.timeZone)}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p>Nothing yet: no legislators, districts or ZIP code areas are loaded.</p>
        )}
      </section>
      {running ? null : props.folderFound ? (
        <section class="section" aria-labelledby="load">
          <h2 id="load">{loaded ? 'Refresh the data' : 'Load the data'}</h2>
          <p>
            The site reads the folder <code class="wrap-anywhere">{props.folder}</code> on its server. It checks every
            file first: if one is wrong, nothing changes. Visitors see the data loaded now until the new data is in
            place. It takes a few seconds.
          </p>
          <Form action="/admin/reference/import" token={props.csrfToken}>
            <button type="submit" class="button">
              {loaded ? 'Refresh the reference data' : 'Load the reference data'}
            </button>
          </Form>
        </section>
      ) : (
        <MissingFolder folder={props.folder} />
      )}
    </>
  );
}

const datasetNames: Record<string, string> = {
  districts: 'Districts',
  legislators: 'Legislators',
  'zip-areas': 'ZIP code areas',
  committees: 'Committees',
};

/** The newest import of each dataset (the status lists the recent history, newest first). */
function latestImports(status: ReferenceStatus): ReferenceStatus['imports'] {
  const seen = new Set<string>();
  return status.imports.filter((i) => !seen.has(i.dataset) && seen.add(i.dataset));
}

function Progress(props: { view: JobView; timeZone: string; autoUpdate: boolean }) {
  const { job, startedBy } = props.view;
  const current = steps.findIndex((s) => s.key === job.step);
  return (
    <section class="section" aria-labelledby="import-progress">
      <h2 id="import-progress">Loading the reference data</h2>
      <p>
        Started by {startedBy} at {formatInZone(job.startedAt, props.timeZone)}.{' '}
        {`Step ${current + 1} of ${steps.length}: ${steps[current]?.label.toLowerCase()}.`}
      </p>
      <ol>
        {steps.map((s, i) => (
          <li aria-current={i === current ? 'step' : undefined}>
            {s.label}: {i < current ? 'done' : i === current ? 'in progress' : 'waiting'}
          </li>
        ))}
      </ol>
      {job.found ? <p>The files hold {describeFound(job.found)}.</p> : null}
      {props.autoUpdate ? (
        <p>
          This page updates itself every few seconds until the import ends.{' '}
          <a href="/admin/reference?updates=off">Stop updating this page</a>
        </p>
      ) : (
        <p>
          <a href="/admin/reference">Update this page</a> to see how it is going.
        </p>
      )}
    </section>
  );
}

function Outcome(props: { view: JobView; timeZone: string }) {
  const { job, startedBy, abandoned } = props.view;
  const when = formatInZone(job.finishedAt ?? job.updatedAt, props.timeZone);
  if (job.status === 'failed' || abandoned) {
    return (
      <section class="section notice" aria-labelledby="import-outcome">
        <h2 id="import-outcome">The last import did not finish</h2>
        <p>
          Started by {startedBy} at {formatInZone(job.startedAt, props.timeZone)}.{' '}
          {abandoned ? 'The site stopped while it ran.' : `It stopped at ${when}:`}
        </p>
        {job.error ? <p class="wrap-anywhere">{job.error}</p> : null}
        <p>Nothing was changed: the data loaded before is still in place.</p>
      </section>
    );
  }
  return (
    <section class="section" aria-labelledby="import-outcome">
      <h2 id="import-outcome">Import finished</h2>
      <p>
        Started by {startedBy}, finished at {when}. Loaded {job.found ? describeFound(job.found) : 'the data'}.
      </p>
      {job.changes ? <Changes changes={job.changes} /> : null}
    </section>
  );
}

function Changes(props: { changes: ReferenceChanges }) {
  const { changes } = props;
  if (changes.firstImport) return <p>This was the first import: nothing was loaded before.</p>;
  if (nothingChanged(changes)) return <p>Nothing changed since the import before: the files hold the same data.</p>;
  const { legislators: l, districts: d, zips: z } = changes;
  const people = (title: string, list: SeatHolder[]) =>
    list.length === 0 ? null : (
      <li>
        {title}:
        <ul>
          {list.map((p) => (
            <li>{seatName(p)}</li>
          ))}
        </ul>
      </li>
    );
  return (
    <>
      <h3>What changed</h3>
      <ul>
        {people('New legislators', l.arrived)}
        {people('No longer in the legislature', l.left)}
        {l.changed.length === 0 ? null : (
          <li>
            A new seat or party:
            <ul>
              {l.changed.map((c) => (
                <li>
                  {seatName(c.before)} is now {seatName(c.after)}
                </li>
              ))}
            </ul>
          </li>
        )}
        {l.arrived.length + l.left.length + l.changed.length === 0 ? <li>Legislators: no change.</li> : null}
        <li>
          Districts:{' '}
          {d.before === d.after && d.redrawn === 0
            ? 'no change.'
            : `${number(d.before)} before, ${number(d.after)} now; ` +
              `${plural(d.redrawn, 'boundary', 'boundaries')} redrawn.`}
        </li>
        <li>
          ZIP code areas:{' '}
          {z.added + z.removed + z.changed === 0
            ? 'no change.'
            : `${number(z.added)} added, ${number(z.removed)} removed, ` +
              `${number(z.changed)} now in other counties or districts.`}
        </li>
      </ul>
    </>
  );
}

/** The folder is not on the server: say so, and how to get the data there. For staff, so names of things are fine. */
function MissingFolder(props: { folder: string }) {
  return (
    <section class="section notice" aria-labelledby="missing-folder">
      <h2 id="missing-folder">The reference data is not on the server yet</h2>
      <p>
        The site looks for it in the folder <code class="wrap-anywhere">{props.folder}</code>, and that folder is not
        there, so it cannot be loaded from here yet. Whoever runs the site’s server can add it:
      </p>
      <ol>
        <li>
          Get a copy of the reference data folder that comes with Groundswell (<code>shared/data</code>). It holds the
          folders <code>{LOCAL_LAYOUT.districts}</code>, <code>{LOCAL_LAYOUT.legislators.split('/')[0]}</code> and{' '}
          <code>or-zip</code>.
        </li>
        <li>
          Put it at the path above, or anywhere else and set <code>GROUNDSWELL_REFERENCE_DIR</code> to that path; then
          restart the site.
        </li>
        <li>Come back to this page and load it.</li>
      </ol>
      <p>
        Or they can download it straight from the U.S. Census Bureau and Open States with the command{' '}
        <code>npm run cli -- reference:import</code> on the server.
      </p>
    </section>
  );
}
