import { describe, expect, it } from 'vitest';
import { FlagProblem, readFlags } from './flags.ts';

const takes = { to: 'FILE', role: 'admin|viewer' };

function problem(args: string[]): string {
  try {
    readFlags(args, takes);
  } catch (error) {
    expect(error).toBeInstanceOf(FlagProblem);
    return (error as Error).message;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

describe('command-line flags', () => {
  it('reads both spellings, keeps every "=" of a value, and leaves out what was not given', () => {
    expect(readFlags(['--to=a=b=c', '--role', 'viewer'], takes)).toEqual({ to: 'a=b=c', role: 'viewer' });
    expect(readFlags([], takes)).toEqual({});
  });

  it('refuses a flag the command does not take, with one line naming those it does', () => {
    expect(problem(['--colour', 'red'])).toBe(
      'Unknown flag --colour: this command takes --to FILE, --role admin|viewer.',
    );
    expect(problem(['-t'])).toBe('Unknown flag -t: this command takes --to FILE, --role admin|viewer.');
    expect(() => readFlags(['--to', 'x'], {})).toThrow('Unknown flag --to: this command takes no flags.');
  });

  it('refuses a flag without its value rather than taking the next flag as one', () => {
    expect(problem(['--to'])).toBe('--to needs a value: --to FILE');
    expect(problem(['--to', '--role=admin'])).toBe('--to needs a value: --to FILE');
  });

  it('refuses a word that is not a flag', () => {
    expect(problem(['backup.gz'])).toBe('Unexpected "backup.gz": this command takes --to FILE, --role admin|viewer.');
  });
});
