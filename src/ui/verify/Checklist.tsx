import {
  STAGE_LABELS,
  STATUS_MARKS,
  STATUS_WORDS,
  type ChecklistItem,
  type Diagnosis,
  type Problem,
  type Stage,
} from '../../core/runtime';
import { CopyButton } from '../components/CopyButton';
import { Command } from '../components/fields';

function ProblemView({ problem, what }: { problem: Problem; what: string }) {
  return (
    <li className="verify-problem" data-code={problem.code}>
      <p className="verify-problem-message">{problem.message}</p>
      {problem.cause && (
        <p>
          <span className="fix-label">Cause</span> {problem.cause}
        </p>
      )}
      {problem.fix && (
        <p>
          <span className="fix-label">Fix</span> {problem.fix}
        </p>
      )}
      {problem.fixText && (
        <div className="command">
          <pre tabIndex={0} aria-label={`fix for ${what}`}>
            <code>{problem.fixText}</code>
          </pre>
          <CopyButton text={problem.fixText} what={`fix for ${what}`} />
        </div>
      )}
    </li>
  );
}

/** The item that first names `item`'s command, when it is another: one command is listed under one check only. */
type SharedCommand = ChecklistItem | undefined;

function ItemView({ item, sharedWith }: { item: ChecklistItem; sharedWith: SharedCommand }) {
  return (
    <li className={`verify-item ${item.status}`} data-check={item.id} data-status={item.status}>
      <p className="verify-item-head">
        <span className="verify-mark" aria-hidden="true">
          {STATUS_MARKS[item.status]}
        </span>
        <strong>{item.title}</strong>
        <span className="visually-hidden">: {STATUS_WORDS[item.status]}</span>
      </p>
      {item.status === 'not-checked' ? (
        sharedWith ? (
          <p className="hint">Not checked yet — read from the same output as “{sharedWith.title}”.</p>
        ) : (
          <>
            <p className="hint">Not checked yet — paste the output of</p>
            <Command command={item.command} what={`command for: ${item.title}`} />
          </>
        )
      ) : (
        <p className="verify-summary">{item.summary}</p>
      )}
      {item.problems.length > 0 && (
        <ul className="verify-problems">
          {item.problems.map((problem, index) => (
            <ProblemView key={`${problem.code}-${index}`} problem={problem} what={item.title} />
          ))}
        </ul>
      )}
      {item.notes.length > 0 && (
        <details className="verify-notes">
          <summary>
            {item.notes.length} note{item.notes.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {item.notes.map((note, index) => (
              <li key={`${note.code}-${index}`} data-code={note.code}>
                {note.message}
                {note.fix && <> {note.fix}</>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** The checklist by stage, in the order traces flow. */
export function Checklist({ diagnosis }: { diagnosis: Diagnosis }) {
  const stages = [...new Set(diagnosis.items.map((item) => item.stage))] as Stage[];
  const firstWith = new Map<string, ChecklistItem>();
  for (const item of diagnosis.items) {
    if (item.status === 'not-checked' && !firstWith.has(item.command)) firstWith.set(item.command, item);
  }
  const sharedWith = (item: ChecklistItem): SharedCommand => {
    const first = firstWith.get(item.command);
    return first && first !== item ? first : undefined;
  };
  return (
    <div className="verify-checklist">
      {stages.map((stage) => (
        <section key={stage} aria-labelledby={`verify-stage-${stage}`}>
          <h4 id={`verify-stage-${stage}`}>{STAGE_LABELS[stage]}</h4>
          <ul>
            {diagnosis.items
              .filter((item) => item.stage === stage)
              .map((item) => (
                <ItemView key={item.id} item={item} sharedWith={sharedWith(item)} />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
