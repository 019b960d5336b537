import type { ReactNode } from 'react';

/**
 * A step's fields and the live preview of the file they change: side by side on wide screens, so the
 * file changes where the user types; the preview below the fields on narrow ones.
 */
export function StepColumns({ fields, preview }: { fields: ReactNode; preview: ReactNode }) {
  return (
    <div className="step-columns">
      <div className="step-fields">{fields}</div>
      <div className="step-previews">{preview}</div>
    </div>
  );
}
