import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { RateLimiter } from '../../platform/http/rate-limit.ts';
import { recordAudit } from '../audit/service.ts';
import { apiError } from './hal.ts';
import { callerOf, type ApiCaller } from './keys.ts';
import type { ApiScope } from './schema.ts';

export type ApiEnv = AppEnv & { Variables: { caller: ApiCaller } };

/** The header OSDI names for the key. */
export const TOKEN_HEADER = 'OSDI-API-Token';

/**
 * Every request to /api/v1 but the entry point's description: a live key in `OSDI-API-Token`, within its
 * own rate limit; then the request, and then its line in the audit log (method, path and status: never
 * the token, the query or the body, which may carry personal data).
 */
export function authenticate(deps: {
  db: Db;
  secrets: Secrets;
  /** Requests per key. */
  perKey: RateLimiter;
  /** Failed tokens per client address: guessing is slowed even though a token cannot be guessed. */
  perAddress: RateLimiter;
  clientIp: (c: Context) => string;
}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const token = c.req.header(TOKEN_HEADER)?.trim() ?? '';
    const ip = deps.clientIp(c);
    if (!token) {
      return apiError(c, 401, `Send your API key in the ${TOKEN_HEADER} header`, undefined, {
        'WWW-Authenticate': 'OSDI-API-Token',
      });
    }
    const caller = await callerOf(deps.db, deps.secrets, token);
    if (!caller) {
      if (!deps.perAddress.take(ip)) return tooMany(c);
      return apiError(c, 401, 'This API key is not valid: it may have been revoked', undefined, {
        'WWW-Authenticate': 'OSDI-API-Token',
      });
    }
    if (!deps.perKey.take(String(caller.id))) return tooMany(c);
    c.set('caller', caller);
    await next();
    await recordAudit(
      deps.db,
      { staffId: null, email: `API key “${caller.name}”`, ip },
      {
        action: 'api.request',
        subjectType: 'api-key',
        subjectId: caller.id,
        subjectLabel: caller.name,
        note: `${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status}`,
      },
    );
  };
}

const tooMany = (c: Context) =>
  apiError(c, 429, 'Too many requests for this key: wait a minute, then go on', undefined, { 'Retry-After': '60' });

/** Refuses a key without the scope a route needs. */
export function requireScope(scope: ApiScope): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!c.get('caller').scopes.includes(scope)) {
      return apiError(c, 403, `This API key may not do this: it needs the ${scope} scope`);
    }
    await next();
  };
}

/** A JSON body read with a zod schema; what was wrong, by field, for a 400. */
export async function readJson<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; data: z.output<T> } | { ok: false; response: Response }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(hal\+)?json\b/i.test(type)) {
    return { ok: false, response: apiError(c, 415, 'Send the body as JSON, with Content-Type: application/json') };
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, 'The body is not valid JSON') };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || 'body';
    fields[path] ??= issue.message;
  }
  return { ok: false, response: apiError(c, 400, 'Some of what was sent is not valid: see fields', fields) };
}

/** A numeric id from the path, or nothing for one no row can have. */
export function idParam(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,10}$/.test(text)) return undefined;
  const id = Number(text);
  return id >= 1 && id <= 2_147_483_647 ? id : undefined;
}
