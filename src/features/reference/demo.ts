import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../platform/db/client.ts';
import type { Logger } from '../../platform/logger.ts';
import { importReference, ReferenceImportError } from './import.ts';
import { IMPORT_COMMAND } from './messages.ts';
import { referenceStatus } from './service.ts';

/**
 * The shared reference copies beside the project (../shared/data from its
 * root), where tests, CI and demos find them; GROUNDSWELL_REFERENCE_DIR
 * points elsewhere (a clone that does not sit beside them).
 */
export const SHARED_REFERENCE_DIR =
  process.env.GROUNDSWELL_REFERENCE_DIR || fileURLToPath(new URL('../../../../shared/data', import.meta.url));

/** The workspace page that loads it. */
export const REFERENCE_PAGE = '/admin/reference';

/**
 * At start-up: a demo loads the shared copies once, into a database that has
 * none; any other start only says, in one line, what is missing and how to
 * load it (unless the caller says it otherwise). A bad file is reported, never
 * a reason not to start. True when the data is loaded.
 */
export async function checkReferenceData(
  db: Db,
  logger: Logger,
  options: { demo: boolean; dir?: string; sayWhatIsMissing?: boolean },
): Promise<boolean> {
  const status = await referenceStatus(db);
  if (status.districts > 0 && status.legislators > 0) return true;
  const dir = options.dir ?? SHARED_REFERENCE_DIR;
  if (options.demo && existsSync(dir)) {
    try {
      const done = await importReference(db, { dir });
      logger.info(
        `reference data imported from ${dir}: ` +
          `${done.senateDistricts + done.houseDistricts} districts, ` +
          `${done.legislators} legislators, ${done.zips} ZIP areas`,
      );
      return true;
    } catch (error) {
      if (!(error instanceof ReferenceImportError)) throw error;
      logger.warn(`reference data not imported: ${error.message}`);
    }
  }
  if (options.sayWhatIsMissing !== false)
    logger.info(
      `Oregon's legislator roster is not loaded; ` +
        `load it in the workspace (${REFERENCE_PAGE}) or with: ${IMPORT_COMMAND} [--from DIR]`,
    );
  return false;
}
