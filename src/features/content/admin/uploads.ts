import { fileTypeFromBuffer } from 'file-type';

/** What a resource may carry, by the type its bytes show, with the extension its key gets. */
const accepted: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export type CheckedUpload = { bytes: Uint8Array; contentType: string; extension: string };

/**
 * Checks an uploaded file by its size and its contents. The name and the
 * type the browser claims are ignored: both are whatever the sender chose,
 * and a script named report.pdf must not be served as anything.
 */
export async function checkUpload(
  entry: ReturnType<FormData['get']>,
  maxBytes: number,
): Promise<{ upload?: CheckedUpload; error?: string }> {
  // An empty file input still sends a part, with no name and no bytes.
  if (!entry || typeof entry === 'string' || entry.size === 0) return {};
  if (entry.size > maxBytes)
    return { error: `The file is too large: it must be ${megabytes(maxBytes)} MB or smaller.` };
  const bytes = new Uint8Array(await entry.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  const extension = detected ? accepted[detected.mime] : undefined;
  if (!detected || !extension) {
    return {
      error:
        'The file must be a PDF or an image (PNG, JPEG, GIF or WebP). ' +
        'This file’s contents are not one of those, whatever its name says.',
    };
  }
  return { upload: { bytes, contentType: detected.mime, extension } };
}

export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
