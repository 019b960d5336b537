import { encodeShareFragment, type ModelInput, type WizardStep } from '../../core';
import { useState } from 'react';
import { copyText } from '../lib/clipboard';

interface Props {
  values: ModelInput;
  current: WizardStep;
  /** meshconfig.yaml is (or was) the user's merged config, which a link never carries. */
  merged?: boolean;
}

/** Share link (never with the token), with what it did said in a status line. */
export function ShareControls({ values, current, merged = false }: Props) {
  const [status, setStatus] = useState<string | undefined>();

  async function share() {
    const url = new URL(window.location.href);
    // Issue 26: whoever opens the link gets the generated meshconfig.yaml unless they paste their own config.
    const mergedNote = merged
      ? ' Nor your pasted mesh config: the link gives the generated meshconfig.yaml, so paste the config again on step 3 after opening it.'
      : '';
    url.hash = encodeShareFragment(values, current);
    try {
      await copyText(url.href);
      setStatus(
        `Link copied (${url.href.length} characters). It does not include the API token: whoever opens it enters their own.${mergedNote}`,
      );
    } catch {
      setStatus(`Copy this link: ${url.href}`);
    }
  }

  return (
    <>
      <button type="button" className="button small" onClick={() => void share()}>
        Share link
      </button>
      <p className="share-status" role="status" data-testid="share-status">
        {status ?? ''}
      </p>
    </>
  );
}
