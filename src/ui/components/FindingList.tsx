import type { Finding } from '../../core';

const LABEL = { blocker: 'Blocking', warning: 'Warning', info: 'Note' } as const;

export function FindingList({ findings, title }: { findings: readonly Finding[]; title?: string }) {
  if (findings.length === 0) return null;
  return (
    <section className="findings" aria-label={title ?? 'Things to know'}>
      {title && <h3>{title}</h3>}
      <ul>
        {findings.map((finding) => (
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
    </section>
  );
}
