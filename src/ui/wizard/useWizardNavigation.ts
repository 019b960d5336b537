import { checkRequirements, isWizardStep, type Model, type ModelInput, type WizardStep } from '../../core';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { loadCore } from './load-core';
import { loadStep, loadedStepView } from './step-views';
import { STEPS, stepIndex, stepOfPath } from './steps';

export interface WizardNavigation {
  current: WizardStep;
  /** Steps this user has opened in this session (a link's earlier steps are not among them). */
  visited: ReadonlySet<WizardStep>;
  /** Next was pressed while a requirement blocks the setup. */
  blockedNotice: boolean;
  /** The step heading, focused whenever the step changes. */
  heading: RefObject<HTMLHeadingElement | null>;
  goTo: (step: WizardStep) => Promise<void>;
  next: () => Promise<void>;
  back: () => void;
  restart: () => void;
}

/** The step a history entry of this page stands for (kept in its state, never in the URL: a fragment is a link). */
function stepOfHistoryState(state: unknown): WizardStep | undefined {
  const step = (state as { wizardStep?: unknown } | null)?.wizardStep;
  return isWizardStep(step) ? step : undefined;
}

function historyStateWith(step: WizardStep): Record<string, unknown> {
  const previous = window.history.state as Record<string, unknown> | null;
  return { ...(previous && typeof previous === 'object' ? previous : {}), wizardStep: step };
}

/** Which step is shown, how the user moves between steps, and where focus lands when they do. */
export function useWizardNavigation(
  form: UseFormReturn<ModelInput, unknown, Model>,
  startStep: WizardStep = 'requirements',
): WizardNavigation {
  const [current, setCurrent] = useState<WizardStep>(startStep);
  const [visited, setVisited] = useState<ReadonlySet<WizardStep>>(() => new Set([startStep]));
  const [blockedNotice, setBlockedNotice] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // The step shown, for the history listener (which outlives renders).
  const shown = useRef(current);
  shown.current = current;

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [current]);

  useEffect(() => {
    // Each step is an entry in the browser's history: Back and Forward move between steps (issue 26). The entry
    // the page opened with stands for the step it opened on, so a reload stays there.
    window.history.replaceState(historyStateWith(shown.current), '');
    const onPopState = (event: PopStateEvent) => {
      const step = stepOfHistoryState(event.state);
      if (step && step !== shown.current) void show(step);
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
    // Once: show() reads only setters and refs.
  }, []);

  const [, setLoadedCount] = useState(0);
  useEffect(() => {
    // A link or draft can open straight on a later step: load it, then show it.
    if (!loadedStepView(current)) void loadStep(current).then(() => setLoadedCount((count) => count + 1));
  }, [current]);

  /** Shows a step without a new history entry (the entry exists: Back, Forward, or the first one). */
  async function show(step: WizardStep) {
    // Load the step before switching, so focus lands on a complete page, never on a loading placeholder.
    await Promise.all([loadStep(step), loadCore()]).catch(() => undefined);
    setBlockedNotice(false);
    setCurrent(step);
    setVisited((previous) => new Set(previous).add(step));
  }

  async function goTo(step: WizardStep) {
    if (step !== shown.current) window.history.pushState(historyStateWith(step), '');
    await show(step);
  }

  async function next() {
    const validation = (await loadCore()).validateFormValues(form.getValues());
    const issues = validation.ok ? [] : validation.issues;
    const paths = issues.filter((issue) => stepOfPath(issue.path) === current).map((issue) => issue.path);
    if (paths.length > 0) {
      await form.trigger(paths as FieldPath<ModelInput>[]);
      form.setFocus(paths[0] as FieldPath<ModelInput>);
      return;
    }
    // From the form as it is now: the page's copy of the values may still be a keystroke behind.
    const blocking = checkRequirements(form.getValues()).some((finding) => finding.level === 'blocker');
    if (current === 'requirements' && blocking) {
      setBlockedNotice(true);
      document.getElementById('blockers')?.focus();
      return;
    }
    const following = STEPS[stepIndex(current) + 1];
    if (following) await goTo(following.id);
  }

  function back() {
    const previous = STEPS[stepIndex(current) - 1];
    if (previous) void goTo(previous.id);
  }

  function restart() {
    if (shown.current !== 'requirements') window.history.pushState(historyStateWith('requirements'), '');
    setVisited(new Set(['requirements']));
    setCurrent('requirements');
  }

  return { current, visited, blockedNotice, heading, goTo, next, back, restart };
}
