import { useMemo } from 'react';
import type { FieldIssue, ModelInput } from '../../core';
import { tracePathOfDraft } from '../../core/runtime';
import { TracePathDiagram } from './TracePathDiagram';
import './verify.css';

/**
 * Steps 2–5: the path spans will take, redrawn from the form as the user types (valid or not), nothing
 * checked yet. Its own chunk, loaded with the later steps: the first screen never carries it.
 */
export default function LiveTracePath({ values, issues }: { values: ModelInput; issues: FieldIssue[] }) {
  const path = useMemo(() => tracePathOfDraft(values, issues), [values, issues]);
  return (
    <details className="card live-trace-path" open>
      <summary>Where your spans go</summary>
      <TracePathDiagram path={path} checked={false} />
    </details>
  );
}
