import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { randomToken, type Secrets } from '../../platform/crypto.ts';
import { plainText } from '../../platform/plain-text.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { apiKeys, apiScopes, type ApiScope } from './schema.ts';

export type ApiKey = typeof apiKeys.$inferSelect;
/** What a request knows of the key it came with: never the token. */
export type ApiCaller = { id: number; name: string; scopes: readonly ApiScope[] };

/** Tokens start with this, so a leaked one is easy to recognise in a repository or a log. */
const TOKEN_PREFIX = 'gs_';
/** "Last used" is written at most this often: a sync of thousands of pages does not rewrite the row each time. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const apiKeyInput = z.object({
  name: plainText({ max: 80, required: 'Name the key, for example after the tool that will use it' }),
  scopes: z.array(z.enum(apiScopes)).min(1, 'Choose at least one thing the key may do'),
});
export type ApiKeyInput = z.output<typeof apiKeyInput>;

/**
 * The token is 32 random bytes; what is stored is its HMAC under the site's secret key, so the database
 * alone (a stolen backup) can neither use a key nor test guesses against it. The token is high in entropy,
 * so a fast keyed hash is enough where a password needs a slow one.
 */
const hashOf = (secrets: Secrets, token: string) => secrets.hmac('api', token);

export async function createApiKey(
  db: Db,
  secrets: Secrets,
  input: ApiKeyInput,
  actor: AuditActor,
): Promise<{ key: ApiKey; token: string }> {
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  return db.transaction(async (tx) => {
    const [key] = await tx
      .insert(apiKeys)
      .values({
        name: input.name,
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        tokenHash: hashOf(secrets, token),
        scopes: [...new Set(input.scopes)],
        createdBy: actor.staffId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'api-key.create',
      subjectType: 'api-key',
      subjectId: key!.id,
      subjectLabel: input.name,
      after: { scopes: key!.scopes.join(', ') },
    });
    return { key: key!, token };
  });
}

export async function revokeApiKey(db: Db, id: number, actor: AuditActor, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [key] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!key) return false;
    await recordAudit(tx, actor, {
      action: 'api-key.revoke',
      subjectType: 'api-key',
      subjectId: id,
      subjectLabel: key.name,
    });
    return true;
  });
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function getApiKey(db: Db, id: number): Promise<ApiKey | undefined> {
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return key;
}

/** The caller a token belongs to, or nothing for an unknown or revoked token. */
export async function callerOf(
  db: Db,
  secrets: Secrets,
  token: string,
  now = new Date(),
): Promise<ApiCaller | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const [key] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, hashOf(secrets, token)), isNull(apiKeys.revokedAt)));
  if (!key) return undefined;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  }
  return { id: key.id, name: key.name, scopes: key.scopes };
}
