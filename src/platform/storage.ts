import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where uploaded files live. Features see only this interface, so a cloud
 * store (S3 and the like) can replace the local disk without touching them.
 * Keys are chosen by the caller with `newFileKey`: a random token, so an
 * address cannot be guessed, and the extension of the detected type.
 */
export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined>;
  delete(key: string): Promise<void>;
}

const keyPattern = /^[a-f0-9]{32}\.[a-z0-9]{2,5}$/;

export function newFileKey(extension: string): string {
  return `${randomBytes(16).toString('hex')}.${extension}`;
}

export function isFileKey(key: string): boolean {
  return keyPattern.test(key);
}

/**
 * Files in a folder on this machine (`${DATA_DIR}/uploads`), each beside a
 * small `.type` file holding its content type. Keys are checked against the
 * pattern before any path is built, so no key can reach outside the folder.
 */
export class LocalFileStore implements FileStore {
  constructor(private readonly folder: string) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(this.folder, { recursive: true });
    // Written under a temporary name and renamed, so a reader never sees half a file.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, bytes);
    await writeFile(`${path}.type`, contentType);
    await rename(temporary, path);
  }

  async get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
    if (!isFileKey(key)) return undefined;
    const path = this.pathOf(key);
    try {
      const [bytes, contentType] = await Promise.all([
        readFile(path),
        readFile(`${path}.type`, 'utf8').catch(() => 'application/octet-stream'),
      ]);
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), contentType: contentType.trim() };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await Promise.all([rm(path, { force: true }), rm(`${path}.type`, { force: true })]);
  }

  private pathOf(key: string): string {
    if (!isFileKey(key)) throw new Error(`not a file key: ${JSON.stringify(key.slice(0, 80))}`);
    return join(this.folder, key);
  }
}
