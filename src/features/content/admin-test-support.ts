import type { Browser } from '../../../test/support/staff.ts';

/**
 * Helpers for the content screens' tests: read a rendered form's fields the
 * way a browser would submit them, and post forms (multipart included) with
 * the session's CSRF token.
 */
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return entities[code.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** The fields of the first form whose action is `action`: text inputs, checked boxes, textareas and selects. */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const type = attribute(tag, 'type') ?? 'text';
    if (!name || name === '_csrf' || type === 'file') continue;
    if (type === 'checkbox' && !/\schecked(?:=""|\s|>|\/)/.test(tag)) continue;
    fields[name] = attribute(tag, 'value') ?? '';
  }
  for (const [, attrs, body] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(attrs!, 'name');
    if (name) fields[name] = unescapeHtml(body!);
  }
  for (const [, attrs, options] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(attrs!, 'name');
    const selected = /<option\b[^>]*\svalue="([^"]*)"[^>]*\sselected/.exec(options!) ?? /<option\b[^>]*\sselected[^>]*\svalue="([^"]*)"/.exec(options!);
    if (name) fields[name] = selected ? unescapeHtml(selected[1]!) : '';
  }
  return fields;
}

/** Posts a form with this CSRF token; a Blob among the fields makes it multipart, as a file input does. */
export function postForm(b: Browser, path: string, token: string, fields: Record<string, string | string[] | Blob>): Promise<Response> {
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
  for (const [name, value] of Object.entries(fields)) for (const v of [value as string | string[]].flat()) body.append(name, v);
  return b.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

/** A tiny but real PDF: what file-type must recognise from its bytes. */
export const tinyPdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
