import { INPUT_KIND_LABELS, type RecognisedInput } from '../../core/runtime';

/**
 * Under one pasted output: what it was read as, or why it was not, and each note the reader left for it (e.g. a long
 * log read from its newest end), beside that output rather than only in a report.
 */
export function InputResult({ recognised }: { recognised: readonly RecognisedInput[] }) {
  const problem = recognised.find((input) => input.kind === 'unknown')?.problem;
  return (
    <>
      {problem && <p className="error-text">{problem}</p>}
      {!problem && recognised.length > 0 && (
        <p className="hint" data-testid="verify-recognised">
          Recognised:{' '}
          {recognised
            .map((input) => input.label || INPUT_KIND_LABELS[input.kind as keyof typeof INPUT_KIND_LABELS])
            .join(', ')}
        </p>
      )}
      {recognised
        .filter((input) => input.notice)
        .map((input) => (
          <p key={`${input.index}-${input.name}`} className="hint" data-testid="verify-input-notice">
            <span className="fix-label">Note</span> {input.notice}
          </p>
        ))}
    </>
  );
}
