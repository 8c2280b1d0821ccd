import { parseArgs } from 'node:util';

/** A flag the command does not take, or one without its value: the one line to show the admin. */
export class FlagProblem extends Error {}

/**
 * Reads a command's flags, `--name value` or `--name=value` (a value keeps
 * every "=" after the first, as a database URL needs), with node:util's
 * parseArgs. `takes` names each flag the command knows and an example of
 * its value, for the line shown when something else is given.
 */
export function readFlags<Name extends string>(
  args: readonly string[],
  takes: Readonly<Record<Name, string>>,
): Partial<Record<Name, string>> {
  const names = Object.keys(takes) as Name[];
  const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
  try {
    const { values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
    return { ...values } as Partial<Record<Name, string>>;
  } catch (error) {
    throw new FlagProblem(
      problemLine(
        error,
        names.map((name) => `--${name} ${takes[name]}`),
      ),
    );
  }
}

function problemLine(error: unknown, usage: string[]): string {
  const code = (error as { code?: string }).code;
  // parseArgs quotes what it refused first: '--colour', '--to <value>' or 'extra'.
  const given = /'([^']*)'/.exec((error as Error).message)?.[1]?.split(' ')[0] ?? '';
  const known = usage.length > 0 ? `this command takes ${usage.join(', ')}` : 'this command takes no flags';
  switch (code) {
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${given} needs a value: ${usage.find((u) => u.startsWith(`${given} `)) ?? given}`;
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown flag ${given}: ${known}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected "${given}": ${known}.`;
    default:
      throw error;
  }
}
