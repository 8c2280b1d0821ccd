import { readFileSync } from 'node:fs';
import { prepareBody } from '../../../../platform/http/respond.ts';
import { stylesheet } from '../../../../platform/web/assets.ts';
import { renderMarkdown } from '../../../../platform/web/markdown.ts';
import type { Petition } from '../../petition-editing.ts';
import { PACKET_COMMENT_LIMIT, type Packet, type PacketChamber } from '../../packet.ts';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';

/** The packet's own print rules, served beside it; the site's stylesheet has no reason to carry them. */
export const packetStylesheet = prepareBody(
  readFileSync(new URL('./packet.css', import.meta.url)),
  'text/css; charset=utf-8',
  'high',
);
export const PACKET_STYLESHEET_PATH = '/admin/petitions/packet.css';

const chamberName: Record<PacketChamber, string> = { senate: 'Senate', house: 'House' };
const memberTitle: Record<PacketChamber, string> = { senate: 'Senator', house: 'Representative' };
const number = (n: number) => n.toLocaleString('en-US');

/** Every district with verified signatures, each leading to its packet. */
export function PacketIndexPage(props: {
  petition: Petition;
  tallies: Record<PacketChamber, { district: string; verified: number }[]>;
}) {
  const p = props.petition;
  return (
    <>
      <BackLink href={`/admin/petitions/${p.id}`}>{p.en.title}</BackLink>
      <h1>Delivery packets</h1>
      <p>
        One printable page per legislator: the statement, how many verified constituents in their district signed, and
        what those constituents wrote. Signatures without a known district are in no packet.
      </p>
      {(['senate', 'house'] as const).map((chamber) => (
        <section>
          <h2>{chamberName[chamber]}</h2>
          {props.tallies[chamber].length === 0 ? (
            <p>No verified signatures with a known {chamberName[chamber]} district yet.</p>
          ) : (
            <DataTable
              caption={<>{chamberName[chamber]} districts with verified signatures</>}
              columns={['District', 'Verified signatures']}
            >
              {props.tallies[chamber].map((t) => (
                <tr>
                  <td>
                    <a href={`/admin/petitions/${p.id}/packet/${chamber}/${t.district}`}>
                      {chamberName[chamber]} district {t.district}
                    </a>
                  </td>
                  <td>{number(t.verified)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      ))}
    </>
  );
}

function Recipient(props: { packet: Packet; chamber: PacketChamber; district: string }) {
  const where = `${chamberName[props.chamber]} District ${props.district}`;
  const people = props.packet.legislators;
  if (people === undefined) {
    return (
      <>
        <p>To: the member for {where}</p>
        <p class="notice no-print">
          The legislator roster is not loaded yet, so this packet cannot name them. An admin can load it on the{' '}
          <a href="/admin/reference">Reference data</a> page; then reload this one.
        </p>
      </>
    );
  }
  if (people.length === 0)
    return <p>To: the member for {where} (the roster lists no one in this seat: it may be vacant)</p>;
  return (
    <p>
      To:{' '}
      {people.map((m, i) => (
        <>
          {i > 0 ? ', ' : ''}
          {memberTitle[props.chamber]} {m.name}
          {m.party ? ` (${m.party})` : ''}
        </>
      ))}
      , {where}
    </p>
  );
}

/** The packet itself: a document of its own, without the workspace around it, made to be printed. */
export function PacketDocument(props: {
  petition: Petition;
  packet: Packet;
  chamber: PacketChamber;
  district: string;
  siteName: string;
  generated: string;
}) {
  const p = props.petition;
  const k = props.packet;
  const where = `${chamberName[props.chamber]} District ${props.district}`;
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${p.en.title}: ${where} · ${props.siteName}`}</title>
        <link rel="stylesheet" href={stylesheet.path} />
        <link rel="stylesheet" href={PACKET_STYLESHEET_PATH} />
      </head>
      <body class="packet">
        <main id="main">
          <p class="no-print">
            <a href={`/admin/petitions/${p.id}/packets`}>← All packets</a> · To print, use your browser’s Print command
            (Ctrl+P, or ⌘P on a Mac). The links and this line are left off the paper.
          </p>
          <header class="packet-to">
            <Recipient packet={k} chamber={props.chamber} district={props.district} />
            <p>
              From: {props.siteName}, on behalf of the signers below · {props.generated}
            </p>
          </header>
          <h1>{p.en.title}</h1>
          <p class="packet-count">
            <strong>{number(k.verified)}</strong> verified {k.verified === 1 ? 'constituent' : 'constituents'} in{' '}
            {where} signed this petition to {p.target}.
          </p>
          <section class="packet-statement">
            <h2>The petition</h2>
            <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(p.en.statement) }} />
          </section>
          <section>
            <h2>What constituents wrote</h2>
            {k.comments.length === 0 ? (
              <p>No signer in this district added a comment.</p>
            ) : (
              <ol class="packet-comments">
                {k.comments.map((c) => (
                  <li lang={c.locale}>
                    <blockquote>{c.comment}</blockquote>
                    <p lang="en">
                      — {c.givenName ? `${c.givenName}${c.city ? `, ${c.city}` : ''}` : `A constituent in ${where}`}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {k.commentCount > k.comments.length ? (
              <p>
                The first {number(PACKET_COMMENT_LIMIT)} of {number(k.commentCount)} comments are shown.
              </p>
            ) : null}
          </section>
          <p class="packet-note">
            Every signature counted here was confirmed by its signer from a link sent to their email address. Names are
            shown only for signers who agreed to be shown publicly.
          </p>
        </main>
      </body>
    </html>
  );
}
