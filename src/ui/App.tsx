import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { checkRequirements, defaultModel, type Bundle, type Model, type ModelInput, type WizardStep } from '../core';
import { loadEditor } from './preview/YamlPreview';
import { Banner } from './components/Banner';
import { useUndoableStarts } from './wizard/useUndoableStarts';
import { loadCore, useCore } from './wizard/load-core';
import { StepList } from './wizard/StepList';
import { prefetchSteps, loadedStepView } from './wizard/step-views';
import { STEPS, stepIndex } from './wizard/steps';
import { useGeneration } from './wizard/useGeneration';
import { useLiveValues } from './wizard/useLiveValues';
import { usePreviewPublishing } from './wizard/usePreviewPublishing';
import { useDraftAutosave } from './wizard/useDraftAutosave';
import { useMergedFormat } from './wizard/useMergedFormat';
import { useStepStatuses } from './wizard/useStepStatuses';
import { useWizardNavigation } from './wizard/useWizardNavigation';
import { useVerifyProgress } from './verify/verify-progress';
import { useMerge } from './merge/useMerge';
import { useTelemetryMerge } from './telemetry/useTelemetryMerge';
import { ActionBar } from './wizard/ActionBar';
import { StepColumns } from './components/StepColumns';
import { handedOutFiles } from './wizard/handed-out-files';
import type { StepMerge } from './wizard/step-props';
import type { StartState } from './wizard/start-state';

export type { StepProps } from './wizard/step-props';
export type { StartState } from './wizard/start-state';

// Step 2 shows the mesh config it changes beside its fields; loaded with the later steps, never on the first screen.
const MeshConfigPreview = lazy(() => import('./preview/MeshConfigPreview'));
// Steps 2–5 draw the path spans will take; loaded with the later steps too.
const LiveTracePath = lazy(() => import('./verify/LiveTracePath'));
const STEPS_WITH_LIVE_PATH: readonly WizardStep[] = ['configuration', 'mesh-config', 'service-entry', 'telemetry'];

/** The step's opening line; the Service entry step says at once when there is nothing to apply (issue 26). */
function introOf(current: WizardStep, generation: { bundle?: Bundle | undefined }): string {
  const { bundle } = generation;
  if (current === 'service-entry' && bundle && !bundle.blocked && !bundle.serviceEntry.needed)
    return 'Nothing to apply on this step for your setup: the proxies reach the endpoint without a ServiceEntry.';
  return STEPS[stepIndex(current)]!.intro;
}

/** The wizard's shell: the form, the step shown, and what every step shares. */
export function App({ start = {} }: { start?: StartState }) {
  const form = useForm<ModelInput, unknown, Model>({
    // The schema arrives with the core; the first keystroke that needs it waits for it.
    resolver: async (formValues, context, options) => (await loadCore()).resolveForm(formValues, context, options),
    mode: 'onChange',
    defaultValues: start.values ?? defaultModel,
    shouldUnregister: false,
  });
  const values = useLiveValues(form);
  const core = useCore();
  const generation = useGeneration(values, core);
  usePreviewPublishing(form, core);

  const [existingConfig, setExistingConfig] = useState('');
  const [useMerged, setUseMerged] = useState(true);
  const mergeState = useMerge(existingConfig, generation.stale ? undefined : generation.model);
  // After a reload the merged file is gone (the paste is never stored): said until the user pastes again or answers.
  const [mergeLost, setMergeLost] = useState(start.mergeLost === true);
  const mergeSucceeded = mergeState.status === 'done' && mergeState.outcome.ok;
  useEffect(() => {
    if (mergeSucceeded) setMergeLost(false);
  }, [mergeSucceeded]);
  const merge = useMemo(
    (): StepMerge => ({
      text: existingConfig,
      setText: (text) => {
        setExistingConfig(text);
        // A new paste is merged to be used: the choice of the generated file was about the previous one.
        setUseMerged(true);
      },
      state: mergeState,
      useMerged,
      setUseMerged,
      lost: mergeLost,
      acceptLost: () => setMergeLost(false),
    }),
    [existingConfig, mergeState, useMerged, mergeLost],
  );
  const [advancedOptionsOpen, setAdvancedOptionsOpen] = useState<boolean | undefined>();
  const telemetryMerge = useTelemetryMerge(generation.stale ? undefined : generation.model);
  const layout = useMemo(() => ({ advancedOptionsOpen, setAdvancedOptionsOpen }), [advancedOptionsOpen]);
  const handedOut = useMemo(
    () => handedOutFiles(generation, merge, telemetryMerge.state, core),
    [generation, merge, telemetryMerge.state, core],
  );
  useMergedFormat(form, mergeState);

  const navigation = useWizardNavigation(form, start.step);
  const { current } = navigation;
  useDraftAutosave(form, values, current, mergeLost || (mergeSucceeded && useMerged));
  const { banner, setBanner, startOver } = useUndoableStarts({
    form,
    navigation,
    start,
    paste: { existingConfig, setExistingConfig, useMerged, setUseMerged, mergeLost, setMergeLost },
    onStartOver: () => setAdvancedOptionsOpen(undefined),
  });

  useEffect(() => {
    // Marks the moment the page is live (hydrated or rendered): benchmarks and tests read it.
    document.documentElement.dataset.wizardReady = 'true';
    performance.mark('wizard-ready');
    document.dispatchEvent(new Event('wizard-ready'));
    const early = window as { wizardEarlySubmit?: boolean };
    if (early.wizardEarlySubmit) {
      early.wizardEarlySubmit = false;
      void navigation.next();
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
      void import('./verify/LiveTracePath');
      void loadEditor();
    });
  }, []);

  const requirementFindings = useMemo(
    () => checkRequirements(values),
    // Only the requirement answers matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      values.mode,
      values.istio?.version,
      values.istio?.ambient,
      values.istio?.ambientTracing,
      values.operator?.telemetryIngestEnabled,
      values.operator?.enableIstio,
    ],
  );
  const blockers = requirementFindings.filter((finding) => finding.level === 'blocker');
  const statuses = useStepStatuses(generation, blockers.length > 0, navigation.visited, useVerifyProgress());

  const step = STEPS[stepIndex(current)]!;
  const View = loadedStepView(current);
  const isLast = stepIndex(current) === STEPS.length - 1;

  return (
    <FormProvider {...form}>
      <div className="app">
        <header className="app-header">
          {/* Past the step list and the fields, straight to Back and Next (issue 26: 25+ tab stops to Next). An
              in-page fragment would be read as a share link on reload, so focus moves without one. */}
          <a
            className="skip-link"
            href="#step-nav"
            onClick={(event) => {
              event.preventDefault();
              document.getElementById('step-nav')?.focus();
            }}
          >
            Skip to the step’s Back and Next buttons
          </a>
          <h1>Istio → Dynatrace tracing setup</h1>
          <p className="tagline">
            From nothing to verified OpenTelemetry traces for Istio 1.22+. Everything happens in this page: nothing you
            type is sent anywhere.
          </p>
          <div className="header-actions">
            <button type="button" className="button small" onClick={startOver}>
              Start over
            </button>
          </div>
          {banner && <Banner message={banner} onDismiss={() => setBanner(undefined)} />}
        </header>
        <StepList current={current} statuses={statuses} onSelect={(target) => void navigation.goTo(target)} />
        <main className="step" aria-labelledby="step-heading">
          <h2 id="step-heading" ref={navigation.heading} tabIndex={-1}>
            <span className="step-number">
              Step {stepIndex(current) + 1} of {STEPS.length}.
            </span>{' '}
            {step.title}
          </h2>
          <p className="intro">{introOf(current, generation)}</p>
          {STEPS_WITH_LIVE_PATH.includes(current) && (
            <Suspense fallback={null}>
              <LiveTracePath values={values} issues={generation.issues} />
            </Suspense>
          )}
          <form
            method="dialog"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void navigation.next();
            }}
          >
            {View && current === 'configuration' ? (
              <StepColumns
                fields={
                  <View
                    generation={generation}
                    requirementFindings={requirementFindings}
                    merge={merge}
                    telemetryMerge={telemetryMerge}
                    layout={layout}
                  />
                }
                preview={
                  <Suspense fallback={null}>
                    <MeshConfigPreview generation={generation} merge={merge} onFieldsStep />
                  </Suspense>
                }
              />
            ) : View ? (
              <View
                generation={generation}
                requirementFindings={requirementFindings}
                merge={merge}
                telemetryMerge={telemetryMerge}
                layout={layout}
              />
            ) : (
              <p className="hint">Loading this step…</p>
            )}
            {navigation.blockedNotice && blockers.length > 0 && (
              <p className="error-text" role="alert">
                This setup cannot work yet: resolve the blocking requirement above first.
              </p>
            )}
            <nav className="step-nav" aria-label="Wizard navigation" id="step-nav" tabIndex={-1}>
              <button type="button" className="button" onClick={navigation.back} disabled={stepIndex(current) === 0}>
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
        <ActionBar
          handedOut={handedOut}
          values={values}
          current={current}
          merge={merge}
          onVerify={() => void navigation.goTo('verify')}
        />
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
