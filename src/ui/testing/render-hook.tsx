import { act } from 'react';
import { createRoot } from 'react-dom/client';

/*
 * Renders a hook in a real React root (in the DOM test environment, *.test.tsx) and exposes what it returns:
 * the few lines of @testing-library/react's renderHook these tests need, without the dependency.
 */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface RenderedHook<Props, Result> {
  /** What the hook returned on its latest render. */
  readonly current: Result;
  rerender(props: Props): void;
  unmount(): void;
}

export function renderHook<Props, Result>(hook: (props: Props) => Result, props: Props): RenderedHook<Props, Result> {
  const root = createRoot(document.createElement('div'));
  let latest: { value: Result } | undefined;
  function Probe({ props }: { props: Props }) {
    latest = { value: hook(props) };
    return null;
  }
  act(() => root.render(<Probe props={props} />));
  return {
    get current() {
      if (!latest) throw new Error('the hook has not rendered');
      return latest.value;
    },
    rerender: (next) => act(() => root.render(<Probe props={next} />)),
    unmount: () => act(() => root.unmount()),
  };
}
