import { memo, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import {
  checkRequirements,
  defaultModel,
  encodeShareFragment,
  type Finding,
  type Model,
  type ModelInput,
  type WizardStep,
} from '../core';
import { prefetchEditor } from './preview/YamlPreview';
import { previewTexts, publishPreviews } from './preview/live-previews';
import { clearDraft, saveDraft } from './lib/draft';
import { copyText } from './lib/clipboard';
import { RequirementsStep } from './steps/RequirementsStep';
import { loadCore, useCore } from './wizard/load-core';
import { StepList, type StepStatus } from './wizard/StepList';
import { STEPS, stepIndex, stepOfPath } from './wizard/steps';
import { useGeneration, type Generation } from './wizard/useGeneration';
import { useMerge, type MergeState } from './merge/useMerge';
import { useTelemetryMerge, type TelemetryMergeHandle } from './telemetry/useTelemetryMerge';

export interface StepProps {
  generation: Generation;
  requirementFindings: Finding[];
  merge: { text: string; setText: (text: string) => void; state: MergeState };
  telemetryMerge: TelemetryMergeHandle;
}

// The first step ships with the page; the others arrive right after it, and are loaded before they are shown.
const STEP_LOADERS: Record<Exclude<WizardStep, 'requirements'>, () => Promise<React.ComponentType<StepProps>>> = {
  configuration: () => import('./steps/ConfigurationStep').then((m) => m.ConfigurationStep),
  'mesh-config': () => import('./steps/MeshConfigStep').then((m) => m.MeshConfigStep),
  'service-entry': () => import('./steps/ServiceEntryStep').then((m) => m.ServiceEntryStep),
  telemetry: () => import('./steps/TelemetryStep').then((m) => m.TelemetryStep),
  verify: () => import('./steps/VerifyStep').then((m) => m.VerifyStep),
};

// Views by step once loaded; rendered directly (no Suspense), so a step never flashes a placeholder.
// Memoised: a step re-renders when its inputs change, not whenever the shell does.
const loadedViews: Partial<Record<WizardStep, React.ComponentType<StepProps>>> = {
  requirements: memo(RequirementsStep),
};

async function loadStep(step: WizardStep): Promise<void> {
  if (step === 'requirements' || loadedViews[step]) return;
  loadedViews[step] = memo(await STEP_LOADERS[step]());
}

function prefetchSteps() {
  for (const load of Object.values(STEP_LOADERS)) void load();
}

export interface StartState {
  values?: ModelInput;
  step?: WizardStep;
  message?: { kind: 'info' | 'error'; text: string };
}

export function App({ start = {} }: { start?: StartState }) {
  const form = useForm<ModelInput, unknown, Model>({
    // The schema arrives with the core; the first keystroke that needs it waits for it.
    resolver: async (formValues, context, options) => (await loadCore()).resolveForm(formValues, context, options),
    mode: 'onChange',
    defaultValues: start.values ?? defaultModel,
    shouldUnregister: false,
  });
  // The page follows the form in a transition: a keystroke's own task only updates the field and the
  // open preview (below); everything else re-renders right after.
  const [values, setValues] = useState<ModelInput>(() => form.getValues());
  useEffect(() => {
    const subscription = form.watch((all) => startTransition(() => setValues(structuredClone(all) as ModelInput)));
    return () => subscription.unsubscribe();
  }, [form]);
  const core = useCore();
  const generation = useGeneration(values, core);

  useEffect(() => {
    if (!core) return;
    const subscription = form.watch((all) => {
      const validation = core.validateModel(all);
      if (!validation.ok) return;
      const bundle = core.generateBundle(validation.model);
      if (!bundle.blocked) publishPreviews(previewTexts(bundle, validation.model.token.value));
    });
    return () => subscription.unsubscribe();
  }, [form, core]);
  const [existingConfig, setExistingConfig] = useState('');
  const mergeState = useMerge(existingConfig, generation.stale ? undefined : generation.model);
  const telemetryMerge = useTelemetryMerge(generation.stale ? undefined : generation.model);
  const merge = useMemo(
    () => ({ text: existingConfig, setText: setExistingConfig, state: mergeState }),
    [existingConfig, mergeState],
  );

  // A merged file keeps the user's form, so the apply command must match it.
  useEffect(() => {
    if (mergeState.status !== 'done' || !mergeState.outcome.ok) return;
    const format = mergeState.outcome.format;
    if (format !== 'mesh-config' && form.getValues('output.meshConfigFormat') !== format) {
      form.setValue('output.meshConfigFormat', format, { shouldValidate: true });
    }
  }, [mergeState, form]);
  const [current, setCurrent] = useState<WizardStep>(start.step ?? 'requirements');
  const [visited, setVisited] = useState<ReadonlySet<WizardStep>>(
    () => new Set(STEPS.slice(0, stepIndex(start.step ?? 'requirements') + 1).map((step) => step.id)),
  );
  const [banner, setBanner] = useState(start.message);
  const [shareStatus, setShareStatus] = useState<string | undefined>();

  // Keep a draft (never the token) so a reload does not lose the user's work.
  useEffect(() => {
    const timer = setTimeout(() => saveDraft(values, current), 300);
    return () => clearTimeout(timer);
  }, [values, current]);

  async function share() {
    const url = new URL(window.location.href);
    url.hash = encodeShareFragment(values, current);
    try {
      await copyText(url.href);
      setShareStatus(
        `Link copied (${url.href.length} characters). It does not include the API token: whoever opens it enters their own.`,
      );
    } catch {
      setShareStatus(`Copy this link: ${url.href}`);
    }
  }

  function startOver() {
    clearDraft();
    form.reset(defaultModel);
    setExistingConfig('');
    setVisited(new Set(['requirements']));
    setCurrent('requirements');
    setBanner({ kind: 'info', text: 'Started over with the defaults; the saved draft is gone.' });
    setShareStatus(undefined);
  }
  const [blockedNotice, setBlockedNotice] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    // Marks the moment the page is live (hydrated or rendered): benchmarks and tests read it.
    document.documentElement.dataset.wizardReady = 'true';
    performance.mark('wizard-ready');
    document.dispatchEvent(new Event('wizard-ready'));
    const early = window as { wizardEarlySubmit?: boolean };
    if (early.wizardEarlySubmit) {
      early.wizardEarlySubmit = false;
      void next();
    }
    // Once, when the app goes live.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // Fetch the editor in the background once the first step is on screen.
    const idle =
      typeof window.requestIdleCallback === 'function'
        ? (callback: () => void) => window.requestIdleCallback(callback)
        : (callback: () => void) => window.setTimeout(callback, 200);
    idle(() => {
      prefetchSteps();
      prefetchEditor();
    });
  }, []);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [current]);

  const requirementFindings = useMemo(
    () => checkRequirements(values),
    // Only the requirement answers matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      values.mode,
      values.istio?.version,
      values.istio?.ambient,
      values.operator?.telemetryIngestEnabled,
      values.operator?.enableIstio,
    ],
  );
  const blockers = requirementFindings.filter((finding) => finding.level === 'blocker');

  const statuses = useMemo(() => {
    const result = {} as Record<WizardStep, StepStatus>;
    for (const step of STEPS) {
      const problems =
        generation.issues.some((issue) => stepOfPath(issue.path) === step.id) ||
        (step.id === 'requirements' && blockers.length > 0);
      const seen = visited.has(step.id);
      result[step.id] = {
        visited: seen,
        problems: seen && problems,
        complete: seen && !problems && step.id !== current,
      };
    }
    return result;
  }, [generation.issues, blockers.length, visited, current]);

  async function goTo(step: WizardStep) {
    // Load the step before switching, so focus lands on a complete page, never on a loading placeholder.
    await Promise.all([loadStep(step), loadCore()]).catch(() => undefined);
    setBlockedNotice(false);
    setCurrent(step);
    setVisited((previous) => new Set(previous).add(step));
  }

  async function next() {
    const validation = (await loadCore()).validateModel(form.getValues());
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
    const index = stepIndex(current);
    const following = STEPS[index + 1];
    if (following) await goTo(following.id);
  }

  function back() {
    const previous = STEPS[stepIndex(current) - 1];
    if (previous) void goTo(previous.id);
  }

  const step = STEPS[stepIndex(current)]!;
  const View = loadedViews[current];
  const [, setLoadedCount] = useState(0);
  useEffect(() => {
    // A link or draft can open straight on a later step: load it, then show it.
    if (!loadedViews[current]) void loadStep(current).then(() => setLoadedCount((count) => count + 1));
  }, [current]);
  const isLast = stepIndex(current) === STEPS.length - 1;

  return (
    <FormProvider {...form}>
      <div className="app">
        <header className="app-header">
          <h1>Istio → Dynatrace tracing setup</h1>
          <p className="tagline">
            From nothing to verified OpenTelemetry traces for Istio 1.22+. Everything happens in this page: nothing you
            type is sent anywhere.
          </p>
          <div className="header-actions">
            <button type="button" className="button small" onClick={() => void share()}>
              Share link
            </button>
            <button type="button" className="button small" onClick={startOver}>
              Start over
            </button>
          </div>
          <p className="share-status" role="status" data-testid="share-status">
            {shareStatus ?? ''}
          </p>
          {banner && (
            <div
              className={`banner ${banner.kind}`}
              role={banner.kind === 'error' ? 'alert' : 'status'}
              data-testid="banner"
            >
              <p>{banner.text}</p>
              <button
                type="button"
                className="button small"
                onClick={() => setBanner(undefined)}
                aria-label="Dismiss message"
              >
                ×
              </button>
            </div>
          )}
        </header>
        <StepList current={current} statuses={statuses} onSelect={(step) => void goTo(step)} />
        <main className="step" aria-labelledby="step-heading">
          <h2 id="step-heading" ref={heading} tabIndex={-1}>
            <span className="step-number">
              Step {stepIndex(current) + 1} of {STEPS.length}.
            </span>{' '}
            {step.title}
          </h2>
          <p className="intro">{step.intro}</p>
          <form
            method="dialog"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void next();
            }}
          >
            {View ? (
              <View
                generation={generation}
                requirementFindings={requirementFindings}
                merge={merge}
                telemetryMerge={telemetryMerge}
              />
            ) : (
              <p className="hint">Loading this step…</p>
            )}
            {blockedNotice && blockers.length > 0 && (
              <p className="error-text" role="alert">
                This setup cannot work yet: resolve the blocking requirement above first.
              </p>
            )}
            <nav className="step-nav" aria-label="Wizard navigation">
              <button type="button" className="button" onClick={back} disabled={stepIndex(current) === 0}>
                Back
              </button>
              {!isLast && (
                <button
                  type="submit"
                  className="button primary"
                  aria-disabled={blockers.length > 0 && current === 'requirements' ? true : undefined}
                >
                  Next: {STEPS[stepIndex(current) + 1]?.title}
                </button>
              )}
            </nav>
          </form>
        </main>
        <footer className="app-footer">
          <p>
            Follows Dynatrace’s guide{' '}
            <a
              href="https://docs.dynatrace.com/docs/ingest-from/opentelemetry/integrations/istio"
              target="_blank"
              rel="noreferrer noopener"
            >
              Configure OpenTelemetry tracing with Istio
            </a>
            , corrected where Istio’s own API says otherwise.
          </p>
        </footer>
      </div>
    </FormProvider>
  );
}
