import { useState } from 'react';
import type { Finding } from '../../core';

const LABEL = { blocker: 'Blocking', warning: 'Warning', info: 'Note' } as const;

/**
 * Findings listed before "Show all": a pasted config with thousands of providers has a finding for each, and laying
 * out 1,867 of them took Chromium 470 ms of one task (npm run bench, figure 2b). Blockers are never held back; no
 * realistic configuration comes near this many.
 */
export const FINDINGS_SHOWN_FIRST = 50;

const THOUSANDS = new Intl.NumberFormat('en-US');

export function FindingList({ findings, title }: { findings: readonly Finding[]; title?: string }) {
  const [showAll, setShowAll] = useState(false);
  if (findings.length === 0) return null;
  const shown = showAll ? findings : shownFirst(findings);
  return (
    <section className="findings" aria-label={title ?? 'Things to know'}>
      {title && <h3>{title}</h3>}
      <ul>
        {shown.map((finding) => (
          <li key={finding.id} className={`finding ${finding.level}`} data-finding={finding.id}>
            <strong>{LABEL[finding.level]}:</strong> {finding.message}
            <div className="fix">
              <span className="fix-label">What to do:</span> {finding.fix}
              {finding.link && (
                <>
                  {' '}
                  <a href={finding.link} target="_blank" rel="noreferrer noopener">
                    Read more
                  </a>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      {shown.length < findings.length && (
        <p className="hint">
          The first {shown.length} of {THOUSANDS.format(findings.length)} are shown.{' '}
          <button type="button" className="button small" onClick={() => setShowAll(true)}>
            Show all {THOUSANDS.format(findings.length)}
          </button>
        </p>
      )}
    </section>
  );
}

/** Every blocker, and the other findings in their order while there is room. */
function shownFirst(findings: readonly Finding[]): readonly Finding[] {
  if (findings.length <= FINDINGS_SHOWN_FIRST) return findings;
  let room = FINDINGS_SHOWN_FIRST - findings.filter((finding) => finding.level === 'blocker').length;
  return findings.filter((finding) => finding.level === 'blocker' || room-- > 0);
}
