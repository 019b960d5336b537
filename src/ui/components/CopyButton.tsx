import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';

interface Props {
  text: string;
  /** What is copied, for the accessible name: "Copy meshconfig.yaml". */
  what: string;
  label?: string;
}

export function CopyButton({ text, what, label = 'Copy' }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button
        type="button"
        className="button small"
        aria-label={`${label} ${what}`}
        onClick={() => {
          copyText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {state === 'copied' ? 'Copied ✓' : label}
      </button>
      <span role="status" className="visually-hidden">
        {state === 'copied' ? `${what} copied to the clipboard` : state === 'failed' ? `Could not copy ${what}` : ''}
      </span>
      {state === 'failed' && <span className="error-text"> Copy failed: select the text and copy it by hand.</span>}
    </span>
  );
}
