import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { inputSizeProblem, type Model } from '../../core';
import { COLLECT_OUTPUT_FILE_NAME, splitCollected, tracePathOf } from '../../core/runtime';
import { PasteBox } from '../components/PasteBox';
import { Checklist } from './Checklist';
import { InputResult } from './InputResult';
import { pastedOutputs, usePastedOutputs } from './pasted-outputs';
import { TracePathDiagram } from './TracePathDiagram';
import { useVerify } from './useVerify';
import { verifyProgress } from './verify-progress';
import './verify.css';

const ACCEPT = '.yaml,.yml,.json,.log,.txt,text/plain,text/yaml,application/yaml,application/json';

/** Paste (or drop, or open) what the cluster prints; see item by item what is right, what is wrong, and the fix. */
export function VerifyPanel({ model }: { model: Model }) {
  const outputs = usePastedOutputs();
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const filled = useMemo(() => outputs.filter((output) => output.text.trim() !== ''), [outputs]);
  const inputs = useMemo(() => filled.map((output) => ({ name: output.name, text: output.text })), [filled]);
  const state = useVerify(inputs, model);
  const diagnosis = state.status === 'done' ? state.diagnosis : state.status === 'working' ? state.previous : undefined;
  const path = useMemo(() => tracePathOf(model, diagnosis), [model, diagnosis]);
  const checkedAny = filled.length > 0 && diagnosis?.items.some((item) => item.status !== 'not-checked') === true;
  const progress = !checkedAny ? 'not-checked' : diagnosis?.anyFail ? 'failing' : 'passing';
  useEffect(() => {
    // The step list says "not checked yet" on Verify until an output was checked.
    if (state.status !== 'working') verifyProgress.set(progress);
  }, [progress, state.status]);

  /** A file collect.sh wrote becomes one output per command, each read on its own; any other text is one output. */
  function setText(id: number, text: string) {
    const sections = splitCollected(text);
    if (sections) {
      pastedOutputs.replaceWithSections(
        id,
        sections.map((section) => ({ name: section.command, text: section.output })),
      );
    } else pastedOutputs.setText(id, text);
  }

  async function readFiles(files: FileList | null | undefined) {
    if (!files || files.length === 0) return;
    setFileProblem(undefined);
    for (const file of Array.from(files)) {
      const tooLarge = inputSizeProblem(file.size, 'cluster-output');
      if (tooLarge) {
        setFileProblem(`${file.name} was not opened. ${tooLarge}`);
        continue;
      }
      try {
        const text = await file.text();
        const sections = splitCollected(text);
        if (sections)
          pastedOutputs.replaceWithSections(
            -1,
            sections.map((section) => ({ name: section.command, text: section.output })),
          );
        else pastedOutputs.add(text, file.name);
      } catch {
        setFileProblem(`Could not read ${file.name}.`);
      }
    }
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    void readFiles(event.dataTransfer.files);
  }

  const recognisedFor = (output: (typeof outputs)[number]) =>
    diagnosis?.inputs.filter((input) => input.index === filled.indexOf(output)) ?? [];

  return (
    <section
      className="card verify-panel"
      aria-labelledby="verify-heading"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <h3 id="verify-heading">2. Drop {COLLECT_OUTPUT_FILE_NAME} here</h3>
      <p className="hint">
        Or open it, or paste it: each command’s output in it is checked on its own. It stays in this page; tokens are
        masked.
      </p>
      {outputs.map((output, index) => {
        const recognised = recognisedFor(output);
        const problem = recognised.find((input) => input.kind === 'unknown')?.problem;
        const id = `verify-output-${output.id}`;
        const label = `Output ${index + 1}${output.name.startsWith('Output ') ? '' : ` (${output.name})`}`;
        return (
          <PasteBox
            key={output.id}
            id={id}
            label={label}
            kind="cluster-output"
            text={output.text}
            onTextChange={(text) => setText(output.id, text)}
            rows={6}
            placeholder={'kubectl -n istio-system get configmap istio -o yaml\nkubectl get telemetry -A -o yaml\n…'}
            invalid={problem !== undefined}
            largeText={{ name: 'This output', where: 'all of it is checked below' }}
            actions={
              (output.text !== '' || outputs.length > 1) && (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Remove ${label}`}
                  onClick={() => pastedOutputs.remove(output.id)}
                >
                  Remove
                </button>
              )
            }
          >
            {output.text.trim() !== '' && <InputResult recognised={recognised} />}
          </PasteBox>
        );
      })}
      <div className="file-row">
        <button type="button" className="button small" onClick={() => pastedOutputs.add()}>
          Add another output
        </button>
        <label htmlFor="verify-files" className="button small">
          Open files…
        </label>
        <input
          id="verify-files"
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(event) => {
            void readFiles(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
      {fileProblem && <p className="error-text">{fileProblem}</p>}
      <div role="status" aria-live="polite" className="verify-summary-line">
        {state.status === 'working' && <p className="hint">Checking…</p>}
        {state.status === 'failed' && <p className="error-text">{state.message}</p>}
        {diagnosis && filled.length > 0 && (
          <p data-testid="verify-verdict">
            {diagnosis.anyFail
              ? `${diagnosis.items.filter((item) => item.status === 'fail').length} check(s) fail: see the fixes below.`
              : diagnosis.allCheckedPass
                ? 'Every check so far passes.'
                : 'Nothing checked yet.'}
          </p>
        )}
      </div>
      <TracePathDiagram path={path} />
      {diagnosis && <Checklist diagnosis={diagnosis} />}
    </section>
  );
}
