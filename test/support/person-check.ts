/**
 * What a person does with the question a public form comes back with (platform/http/person-check.tsx): reads
 * the sum in the label, in either language, and types the answer. Throws when the page asks nothing.
 */
export function answerTo(html: string, wrong = false): Record<string, string> {
  const token = /name="person-check-token" value="([^"]+)"/.exec(html)?.[1];
  const sum = /(?:what is|cuánto es) (\d) (?:plus|más) (\d)\?/.exec(html);
  if (!token || !sum) throw new Error('the page asks no question');
  const answer = Number(sum[1]) + Number(sum[2]) + (wrong ? 1 : 0);
  return { 'person-check-token': token, 'person-check': String(answer) };
}
