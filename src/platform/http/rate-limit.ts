import type { Context, MiddlewareHandler } from 'hono';

/**
 * A token bucket per key (usually the client's address), in this process's
 * memory: a burst of `burst` requests, refilled at `perMinute`. Each app
 * process limits on its own, which is enough to blunt floods and scripted
 * abuse; limits that must hold across processes (sign-in attempts) live in
 * the database instead.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one token for `key`; false when none is left. */
  take(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    // Forget the longest-idle keys rather than grow without bound.
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed;
  }
}

/** Limits state-changing requests (POST and the like) per client address. */
export function limitWrites(
  limiter: RateLimiter,
  keyOf: (c: Context) => string,
  onLimited: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (!limiter.take(keyOf(c))) return onLimited(c);
    return next();
  };
}
