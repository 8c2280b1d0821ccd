/**
 * Reads a rendered form the way a browser would submit it: for tests that
 * post a screen's own form back, changed or not.
 */
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeHtml(text: string): string {
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

/** One control of a form: its name, the value a browser would send, and what kind of control it is. */
export type FormControl = {
  name: string;
  value: string;
  kind: 'text' | 'hidden' | 'password' | 'checkbox' | 'textarea' | 'select';
  checked?: boolean;
};

/**
 * The controls of the first form whose action is `action`, or
 * the `nth` after it (the CSRF field and file inputs left out).
 */
export function formControls(html: string, action: string, nth = 0): FormControl[] {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = html.indexOf(`action="${action}"`, start + 1);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const controls: FormControl[] = [];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const type = attribute(tag, 'type') ?? 'text';
    if (!name || name === '_csrf' || type === 'file' || type === 'submit') continue;
    const value = attribute(tag, 'value') ?? '';
    if (type === 'checkbox' || type === 'radio')
      controls.push({ name, value, kind: 'checkbox', checked: /\schecked(?:=""|\s|>|\/)/.test(tag) });
    else controls.push({ name, value, kind: type === 'hidden' || type === 'password' ? type : 'text' });
  }
  for (const [, attrs, body] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(attrs!, 'name');
    if (name) controls.push({ name, value: unescapeHtml(body!), kind: 'textarea' });
  }
  for (const [, attrs, options] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(attrs!, 'name');
    const selected =
      /<option\b[^>]*\svalue="([^"]*)"[^>]*\sselected/.exec(options!) ??
      /<option\b[^>]*\sselected[^>]*\svalue="([^"]*)"/.exec(options!);
    if (name) controls.push({ name, value: selected ? unescapeHtml(selected[1]!) : '', kind: 'select' });
  }
  return controls;
}

/**
 * The fields of the first form whose action is `action`, as a browser
 * submits it: text inputs, checked boxes, textareas and selects.
 */
export function formFields(html: string, action: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const control of formControls(html, action)) {
    if (control.kind === 'checkbox' && !control.checked) continue;
    fields[control.name] = control.value;
  }
  return fields;
}
