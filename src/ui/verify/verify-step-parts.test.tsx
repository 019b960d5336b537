import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../../core/__fixtures__/models';
import { diagnose } from '../../core/runtime';
import { Checklist } from './Checklist';
import { InputResult } from './InputResult';
import '../testing/render-hook'; // sets React's act environment

function render(node: React.ReactNode): HTMLElement {
  const container = document.createElement('div');
  act(() => createRoot(container).render(node));
  return container;
}

// The reader takes logs up to 2 MiB of characters and reads longer ones from their newest end (core/verify/recognise.ts).
const MAX_LOG_CHARS = 2 * 1024 * 1024;

describe('step 6, item by item', () => {
  it('lists each command under one check only; the others point to that check', () => {
    const diagnosis = diagnose([], operatorSaas());
    const container = render(<Checklist diagnosis={diagnosis} />);
    const commands = [...container.querySelectorAll('pre code')].map((code) => code.textContent);
    expect(new Set(commands).size).toBe(commands.length);
    expect(commands).toContain('kubectl -n istio-system get configmap istio -o yaml');
    const traps = container.querySelector('[data-check="mesh.traps"]')!;
    expect(traps.textContent).toContain('read from the same output as “The provider is in the live mesh config”');
    // Every item the diagnosis has is still there.
    expect(container.querySelectorAll('[data-check]').length).toBe(diagnosis.items.length);
  });

  it('shows the note the reader left for an input beside that input (a long log read from its newest end)', () => {
    const log = `${'2026-12-01T00:00:00Z info ads some line\n'.repeat(Math.ceil(MAX_LOG_CHARS / 40) + 10)}`;
    const diagnosis = diagnose([{ name: 'istiod.log', text: log }], operatorSaas());
    const input = diagnosis.inputs[0]!;
    expect(input.notice).toMatch(/newest/);
    const container = render(<InputResult recognised={diagnosis.inputs} />);
    expect(container.querySelector('[data-testid="verify-input-notice"]')?.textContent).toContain(input.notice!);
  });
});
