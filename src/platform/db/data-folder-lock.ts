import { closeSync, openSync, readFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tryLock } from 'fs-native-extensions';

/**
 * The embedded database belongs to one process at a time: PGlite keeps its
 * own copy of the data in memory, so a second process on the same folder
 * would hand out the same ids and overwrite the first one's rows. The lock
 * is the operating system's (an open-file-description lock on Linux, flock
 * on macOS, LockFileEx on Windows, through fs-native-extensions): it goes
 * with the process, however that ends, so no stale lock can outlive a crash
 * and nothing is guessed from pids or file ages (ADR 027). The file's text,
 * the holder's pid, is only there for the message.
 */
export class DataFolderInUse extends Error {
  override name = 'DataFolderInUse';
  constructor(
    readonly folder: string,
    readonly holder: number | undefined,
  ) {
    super(
      `${folder} is in use by another process${holder ? ` (pid ${holder})` : ''}: ` +
        'the embedded database serves one process at a time',
    );
  }
}

export type DataFolderLock = { release(): void };

/** Takes the lock beside `folder` (`<folder>.lock`) at once, or throws DataFolderInUse. */
export function lockDataFolder(folder: string): DataFolderLock {
  const path = `${folder}.lock`;
  const fd = openSync(path, 'a+', 0o600);
  let held = false;
  try {
    held = tryLock(fd);
  } finally {
    if (!held) closeSync(fd);
  }
  if (!held) throw new DataFolderInUse(folder, holderOf(path));
  ftruncateSync(fd);
  writeSync(fd, `${process.pid}\n`);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      // Closing the file is what lets go of the lock.
      closeSync(fd);
    },
  };
}

function holderOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
