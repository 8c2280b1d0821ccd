import type { Logger } from 'pino';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/client.ts';
import type { ImageLibrary } from '../platform/web/images.tsx';
import type { StoryVault } from '../features/stories/service.ts';

/** What the app is composed from: the running process hands these in. */
export type AppDeps = {
  config: Config;
  database: Database;
  logger: Logger;
  /** Set when the process is shutting down: /healthz then answers 503 so load balancers move on. */
  lifecycle?: { draining: boolean };
  /** Wakes the email worker after something was queued. */
  emailQueued?: () => void;
  /** Wakes the broadcast scheduler after a broadcast was scheduled (when it runs in this process). */
  broadcastScheduled?: () => void;
  /** Where the workspace loads Oregon's reference data from; unset, the command line's rule (tests set it). */
  referenceFolder?: string;
  /** The images pages and editors place; the media library's when not given. */
  images?: ImageLibrary;
  /** The stories key ring; the file config names when not given (tests give one in memory). */
  storyVault?: StoryVault;
};
