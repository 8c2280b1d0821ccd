import type { Logger } from 'pino';
import type { Locale } from '../web/locale.ts';

/** The typed values middleware hands on to routes through c.get(). */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    /** The page's language, from its path: /es/... is Spanish. */
    locale: Locale;
  };
};
