import type { Browser } from '../../../test/support/staff.ts';

/**
 * Helpers for the content screens' tests: read a rendered form's fields the
 * way a browser would submit them, and post forms (multipart included) with
 * the session's CSRF token.
 */
export { formFields } from '../../../test/support/form-fields.ts';

/** Posts a form with this CSRF token; a Blob among the fields makes it multipart, as a file input does. */
export function postForm(
  b: Browser,
  path: string,
  token: string,
  fields: Record<string, string | string[] | Blob>,
): Promise<Response> {
  const multipart = Object.values(fields).some((v) => v instanceof Blob);
  if (multipart) {
    const body = new FormData();
    body.set('_csrf', token);
    for (const [name, value] of Object.entries(fields)) {
      if (value instanceof Blob) body.set(name, value, 'upload.pdf');
      else for (const v of [value].flat()) body.append(name, v);
    }
    return b.request(path, { method: 'POST', body });
  }
  const body = new URLSearchParams({ _csrf: token });
  for (const [name, value] of Object.entries(fields))
    for (const v of [value as string | string[]].flat()) body.append(name, v);
  return b.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

/** A tiny but real PDF: what file-type must recognise from its bytes. */
export const tinyPdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
