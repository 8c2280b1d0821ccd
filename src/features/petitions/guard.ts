import type { Db } from '../../platform/db/client.ts';
import { RateLimiter } from '../../platform/http/rate-limit.ts';
import { signingBlocks, signingLimits } from './schema.ts';

// Signers' addresses are kept only as signingIpHash (abuse.ts), the same hash staff block by.

export const DEFAULT_LIMITS = { perIpBurst: 10, perIpPerHour: 60 };

export type SigningRefusal = 'blocked' | 'too-many';

/**
 * The abuse controls staff tune (issue 5): blocked addresses and email
 * domains, and per-address burst and hourly rates. Both are read from the
 * database at most every `refreshMs`, so a change reaches every process within
 * seconds without a query per signature. The rates are counted in each
 * process's memory, like the write limit of ADR 013.
 */
export class SigningGuard {
  private loaded: Promise<{ ips: Set<string>; domains: Set<string>; limits: typeof DEFAULT_LIMITS }> | undefined;
  private loadedAt = 0;
  private limiter: { key: string; bucket: RateLimiter } | undefined;

  constructor(
    private readonly db: Db,
    private readonly refreshMs = 5000,
  ) {}

  /** Whether this signature may go ahead; counts it against the address's rate when it may. */
  async check(ipHash: string, emailDomain: string, now = Date.now()): Promise<SigningRefusal | undefined> {
    if (await this.blocks(ipHash, emailDomain, now)) return 'blocked';
    const { limits } = await this.current(now);
    const key = `${limits.perIpBurst}:${limits.perIpPerHour}`;
    if (this.limiter?.key !== key)
      this.limiter = { key, bucket: new RateLimiter(limits.perIpBurst, limits.perIpPerHour / 60) };
    return this.limiter.bucket.take(ipHash, now) ? undefined : 'too-many';
  }

  /** Whether staff block this address or email domain, counting nothing: the newsletter form asks it too. */
  async blocks(ipHash: string, emailDomain: string, now = Date.now()): Promise<boolean> {
    const { ips, domains } = await this.current(now);
    return ips.has(ipHash) || domains.has(emailDomain);
  }

  /** After staff change a block or a limit in this process: take effect at once. */
  forget(): void {
    this.loaded = undefined;
  }

  private current(now: number) {
    if (!this.loaded || now - this.loadedAt >= this.refreshMs) {
      this.loadedAt = now;
      const loading = Promise.all([this.db.select().from(signingBlocks), this.db.select().from(signingLimits)]).then(
        ([blocks, [limits]]) => ({
          ips: new Set(blocks.filter((b) => b.kind === 'ip').map((b) => b.value)),
          domains: new Set(blocks.filter((b) => b.kind === 'email-domain').map((b) => b.value.toLowerCase())),
          limits: limits ? { perIpBurst: limits.perIpBurst, perIpPerHour: limits.perIpPerHour } : DEFAULT_LIMITS,
        }),
      );
      // A failed read is not kept: the next signature asks again.
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = undefined;
      });
      this.loaded = loading;
    }
    return this.loaded;
  }
}
