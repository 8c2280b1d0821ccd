import type { Context } from 'hono';

/**
 * The posted form. A body that cannot be read (cut short, malformed
 * multipart) is treated as an empty form: the screen then says what is
 * missing instead of failing.
 */
export async function readForm(c: Context): Promise<FormData> {
  try {
    return await c.req.formData();
  } catch {
    return new FormData();
  }
}

/** One text field as typed, at most `max` characters. NUL is dropped: PostgreSQL text cannot hold it and no person types it. */
export function formText(form: FormData, name: string, max = Infinity): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.replaceAll('\u0000', '').slice(0, max) : '';
}
