import type { ReactNode } from 'react';
import type { Bundle } from '../../core';
import { TOKEN_PLACEHOLDER } from '../../core/runtime';
import type { Generation } from '../wizard/useGeneration';

type ReadyBundle = Extract<Bundle, { blocked: false }>;

/** Shows the previews once there is something valid to show, and says plainly what is missing otherwise. */
export function PreviewGate({
  generation,
  children,
}: {
  generation: Generation;
  children: (bundle: ReadyBundle) => ReactNode;
}) {
  const { bundle, stale, issues, tokenMissing } = generation;
  if (!bundle) {
    return (
      <div className="notice" role="status">
        <p>The files appear here as soon as the configuration is complete. Still missing:</p>
        <ul>
          {issues.map((issue) => (
            <li key={issue.path}>{issue.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (bundle.blocked) {
    return (
      <div className="notice blocked" role="status">
        <p>No files: a requirement on step 1 blocks this setup. Go back to Requirements for what to do instead.</p>
      </div>
    );
  }
  return (
    <>
      {tokenMissing && (
        <div className="notice stale-note" role="status" data-testid="token-missing">
          <p>
            The files show <code>{TOKEN_PLACEHOLDER}</code> where your API token goes. Enter the token on step 2
            (Configuration) to fill it in.
          </p>
        </div>
      )}
      {stale && (
        <div className="notice stale-note" role="status">
          <p>Showing the last valid configuration. Fix these to update the files:</p>
          <ul>
            {issues.map((issue) => (
              <li key={issue.path}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      {children(bundle)}
    </>
  );
}
