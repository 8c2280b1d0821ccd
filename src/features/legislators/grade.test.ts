import { describe, expect, it } from 'vitest';
import { gradeRecord, type Position } from './grade.ts';
import type { VoteChoice } from './schema.ts';

const steps = [
  { atLeast: 90, grade: 'A' },
  { atLeast: 80, grade: 'B' },
  { atLeast: 70, grade: 'C' },
  { atLeast: 60, grade: 'D' },
  { atLeast: 0, grade: 'F' },
];
const votes = (...pairs: [Position, VoteChoice][]) => pairs.map(([position, vote]) => ({ position, vote }));

describe('the grade rule', () => {
  it('counts yes on a bill we support and no on one we oppose as with us', () => {
    const record = gradeRecord(votes(['support', 'yes'], ['oppose', 'no'], ['support', 'no'], ['oppose', 'yes']), {
      gradeSteps: steps,
      absencesCount: false,
    });
    expect(record).toEqual({ counted: 4, withUs: 2, percent: 50, grade: 'F' });
  });

  it('leaves absences out unless the scorecard counts them, and never counts an excused absence', () => {
    const record = votes(['support', 'yes'], ['support', 'yes'], ['support', 'absent'], ['support', 'excused']);
    expect(gradeRecord(record, { gradeSteps: steps, absencesCount: false })).toMatchObject({ counted: 2, grade: 'A' });
    expect(gradeRecord(record, { gradeSteps: steps, absencesCount: true })).toMatchObject({
      counted: 3,
      withUs: 2,
      percent: 66,
      grade: 'D',
    });
  });

  it('rounds down, so a share just under a step gets the grade below', () => {
    const nine = Array.from({ length: 8 }, () => ['support', 'yes'] as [Position, VoteChoice]);
    const record = gradeRecord(votes(...nine, ['support', 'no']), { gradeSteps: steps, absencesCount: false });
    expect(record).toMatchObject({ percent: 88, grade: 'B' });
  });

  it('gives no grade without a counted vote, and the last step below every threshold', () => {
    expect(gradeRecord(votes(['support', 'excused']), { gradeSteps: steps, absencesCount: true }).grade).toBeNull();
    const strict = [
      { atLeast: 75, grade: 'Champion' },
      { atLeast: 50, grade: 'Mixed' },
    ];
    expect(gradeRecord(votes(['support', 'no']), { gradeSteps: strict, absencesCount: false }).grade).toBe('Mixed');
  });
});
