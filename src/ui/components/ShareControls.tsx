import { encodeShareFragment, type ModelInput, type WizardStep } from '../../core';
import { useState } from 'react';
import { copyText } from '../lib/clipboard';

interface Props {
  values: ModelInput;
  current: WizardStep;
}

/** Share link (never with the token), with what it did said in a status line. */
export function ShareControls({ values, current }: Props) {
  const [status, setStatus] = useState<string | undefined>();

  async function share() {
    const url = new URL(window.location.href);
    url.hash = encodeShareFragment(values, current);
    try {
      await copyText(url.href);
      setStatus(
        `Link copied (${url.href.length} characters). It does not include the API token: whoever opens it enters their own.`,
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
