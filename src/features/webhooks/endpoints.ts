import { asc, eq, sql } from 'drizzle-orm';
import { randomToken, type Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import type { EndpointInput } from './endpoint-inputs.ts';
import { webhookEndpoints, type EndpointStatus, type PauseReason } from './schema.ts';
import type { WebhookEvent } from './events.ts';

export type Endpoint = {
  id: number;
  url: string;
  description: string;
  events: WebhookEvent[];
  status: EndpointStatus;
  pausedReason: PauseReason | null;
  failingSince: Date | null;
  createdAt: Date;
};

const shown = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  status: webhookEndpoints.status,
  pausedReason: webhookEndpoints.pausedReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
};

/** A new signing secret: 32 random bytes, marked so that one found in a file is recognised for what it is. */
const newSecret = () => `whsec_${randomToken(32)}`;

/**
 * How the audit log names an endpoint: what staff called it and its host, never the whole address (a receiver's
 * path often is a secret of its own, as a chat tool's incoming-hook address is) and never the signing secret.
 */
const labelOf = (endpoint: { description: string; url: string }) => {
  let host = '';
  try {
    host = new URL(endpoint.url).host;
  } catch {}
  return `${endpoint.description} (${host})`;
};

export async function listEndpoints(db: Db): Promise<Endpoint[]> {
  return db.select(shown).from(webhookEndpoints).orderBy(asc(webhookEndpoints.id));
}

export async function getEndpoint(db: Db, id: number): Promise<Endpoint | undefined> {
  const [row] = await db.select(shown).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

/** Registers an endpoint, listening from now on; returns its secret, which is shown this once and never again. */
export async function createEndpoint(
  db: Db,
  secrets: Secrets,
  input: EndpointInput,
  actor: AuditActor,
): Promise<{ id: number; secret: string }> {
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        url: input.url,
        description: input.description,
        events: input.events,
        secretSealed: secrets.encrypt('webhooks', secret),
        createdBy: actor.staffId,
      })
      .returning({ id: webhookEndpoints.id });
    await recordAudit(tx, actor, {
      action: 'webhook.create',
      subjectType: 'webhook',
      subjectId: row!.id,
      subjectLabel: labelOf(input),
      after: { events: input.events.join(', '), status: 'active' },
    });
    return { id: row!.id, secret };
  });
}

/** Changes an endpoint's state under its row's lock, with its audit entry; false when there is no such endpoint. */
async function change(
  db: Db,
  id: number,
  actor: AuditActor,
  action: string,
  apply: (tx: Db, before: Endpoint) => Promise<Record<string, unknown> | undefined>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(shown).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for('update');
    if (!before) return false;
    const after = await apply(tx, before);
    await recordAudit(tx, actor, {
      action,
      subjectType: 'webhook',
      subjectId: id,
      subjectLabel: labelOf(before),
      ...(after ? { before: { status: before.status }, after } : {}),
    });
    return true;
  });
}

/** Stops deliveries: changes meanwhile are not queued for it, and what is queued waits. */
export function pauseEndpoint(db: Db, id: number, actor: AuditActor): Promise<boolean> {
  return change(db, id, actor, 'webhook.pause', async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ status: 'paused', pausedReason: 'staff', updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, id));
    return { status: 'paused' };
  });
}

/** Starts again from now (what changed while paused is not sent), and sends what was already queued. */
export function resumeEndpoint(db: Db, id: number, actor: AuditActor): Promise<boolean> {
  return change(db, id, actor, 'webhook.resume', async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({
        status: 'active',
        pausedReason: null,
        failingSince: null,
        listeningSince: sql`now()`,
        updatedAt: new Date(),
      })
      .where(eq(webhookEndpoints.id, id));
    return { status: 'active' };
  });
}

/** A new secret, at once: deliveries from now on are signed with it. Returns it (shown once), or undefined. */
export async function rotateSecret(
  db: Db,
  secrets: Secrets,
  id: number,
  actor: AuditActor,
): Promise<string | undefined> {
  const secret = newSecret();
  const done = await change(db, id, actor, 'webhook.rotate', async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ secretSealed: secrets.encrypt('webhooks', secret), updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, id));
    return undefined;
  });
  return done ? secret : undefined;
}

/** Removes the endpoint and its deliveries' record. */
export function deleteEndpoint(db: Db, id: number, actor: AuditActor): Promise<boolean> {
  return change(db, id, actor, 'webhook.delete', async (tx) => {
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    return { status: 'deleted' };
  });
}
