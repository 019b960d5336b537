import { checkRequirements, type Model, type ModelInput, type WizardStep } from '../../core';
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

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [current]);

  const [, setLoadedCount] = useState(0);
  useEffect(() => {
    // A link or draft can open straight on a later step: load it, then show it.
    if (!loadedStepView(current)) void loadStep(current).then(() => setLoadedCount((count) => count + 1));
  }, [current]);

  async function goTo(step: WizardStep) {
    // Load the step before switching, so focus lands on a complete page, never on a loading placeholder.
    await Promise.all([loadStep(step), loadCore()]).catch(() => undefined);
    setBlockedNotice(false);
    setCurrent(step);
    setVisited((previous) => new Set(previous).add(step));
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
    setVisited(new Set(['requirements']));
    setCurrent('requirements');
  }

  return { current, visited, blockedNotice, heading, goTo, next, back, restart };
}
