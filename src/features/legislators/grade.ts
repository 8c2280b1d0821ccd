import type { GradeStep, VoteChoice } from './schema.ts';

export type Position = 'support' | 'oppose';
export type GradeRule = { gradeSteps: GradeStep[]; absencesCount: boolean };
export type GradedRecord = {
  /** Votes that count toward the grade. */
  counted: number;
  /** Of those, the ones cast as the organisation asked. */
  withUs: number;
  /** withUs / counted, in whole per cent (rounded down, so 89.9 % never reads as an A at 90); null when none count. */
  percent: number | null;
  /** null when no vote counts: no record is not a failing record. */
  grade: string | null;
};

/**
 * The grade rule (ADR 062): a legislator's grade for a session is the share of
 * their counted votes on the agenda's bills that match the organisation's position (yes on a bill we
 * support, no on one we oppose). Yes and no always count. An absence counts, as a vote not with us,
 * only when the scorecard says absences count; an excused absence never counts. The share picks the
 * first step (highest first) whose threshold it reaches; below every step, the last step's grade.
 */
export function gradeRecord(votes: readonly { position: Position; vote: VoteChoice }[], rule: GradeRule): GradedRecord {
  let counted = 0;
  let withUs = 0;
  for (const { position, vote } of votes) {
    if (vote === 'excused' || (vote === 'absent' && !rule.absencesCount)) continue;
    counted++;
    if ((position === 'support' && vote === 'yes') || (position === 'oppose' && vote === 'no')) withUs++;
  }
  if (counted === 0) return { counted, withUs, percent: null, grade: null };
  const percent = Math.floor((withUs * 100) / counted);
  const steps = [...rule.gradeSteps].sort((a, b) => b.atLeast - a.atLeast);
  const step = steps.find((s) => percent >= s.atLeast) ?? steps.at(-1);
  return { counted, withUs, percent, grade: step?.grade ?? null };
}

/** Grade steps as staff type them, one a line: "A 90". */
export function stepsToText(steps: readonly GradeStep[]): string {
  return steps.map((s) => `${s.grade} ${s.atLeast}`).join('\n');
}
