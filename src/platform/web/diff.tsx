import { diffLines } from 'diff';

// Long runs of unchanged lines are cut to their ends, so the changes stand out.
const CONTEXT_LINES = 3;

/**
 * Two versions of a text, line by line: what was removed and what was added,
 * each said in words as well as colour, the unchanged runs between shortened.
 * Content's history and the audit log's entries show changes this one way.
 */
export function TextDiff(props: { before: string; after: string }) {
  const parts = diffLines(props.before, props.after);
  return (
    <div class="diff">
      {parts.map((part) => {
        if (part.removed) {
          return (
            <del class="diff-part">
              <span class="diff-label">Removed:</span>
              {'\n'}
              {part.value}
            </del>
          );
        }
        if (part.added) {
          return (
            <ins class="diff-part">
              <span class="diff-label">Added:</span>
              {'\n'}
              {part.value}
            </ins>
          );
        }
        return <div class="diff-part diff-same">{shortened(part.value)}</div>;
      })}
    </div>
  );
}

function shortened(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= CONTEXT_LINES * 2 + 1) return text;
  const hidden = lines.length - CONTEXT_LINES * 2;
  return (
    [...lines.slice(0, CONTEXT_LINES), `… ${hidden} unchanged lines …`, ...lines.slice(-CONTEXT_LINES)].join('\n') +
    '\n'
  );
}
