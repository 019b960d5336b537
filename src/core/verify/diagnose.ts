import type { Model } from '../model';
import { asObject, textOf } from '../plain-data';
import { checkAnalyze } from './check-analyze';
import { checkDynakube } from './check-dynakube';
import { notChecked } from './check-item';
import { checkLog } from './check-logs';
import { checkMeshConfig, providersOf, type LiveMeshConfig } from './check-mesh-config';
import { checkClusters, checkListeners, clusterOriginatesTls } from './check-proxy';
import { checkTelemetry, meshFactsOf } from './check-telemetry';
import { findTokens, maskDeep } from './mask-tokens';
import { MAX_DUMP_CHARS, recognise, type Recognised, type TelemetryResource } from './recognise';
import { verifyTargetOf } from './target';
import { CHECKLIST } from './checklist';
import type { CheckId, ChecklistItem, Diagnosis, RecognisedInput } from './types';

/*
 * The verifier: pasted outputs in, a checklist in the order traces flow out. Pure and total: any text gives
 * an answer, and every token found in the input is masked in all of it.
 */

export interface PastedInput {
  name: string;
  text: string;
}

export function diagnose(inputs: readonly PastedInput[], model: Model): Diagnosis {
  const secrets = [...inputs.flatMap((input) => safeFindTokens(input.text)), model.token.value].filter((s) => s !== '');
  let diagnosis: Diagnosis;
  try {
    diagnosis = diagnoseUnmasked(inputs, model);
  } catch (error) {
    // A bug, not the user's fault: still an answer, never a crash.
    const target = verifyTargetOf(model);
    diagnosis = summarise(
      inputs.map((input, index) => ({
        index,
        name: input.name,
        kind: 'unknown',
        label: 'not read',
        problem: `The verifier hit an internal error (${error instanceof Error ? error.message : String(error)}); please report it.`,
      })),
      CHECKLIST.filter((slot) => slot.id !== 'dynatrace.dynakube' || model.mode === 'operator').map((slot) =>
        notChecked(slot, model, target),
      ),
    );
  }
  return maskDeep(diagnosis, secrets);
}

function safeFindTokens(text: string): string[] {
  return typeof text === 'string' && text.length <= MAX_DUMP_CHARS ? findTokens(text) : [];
}

function diagnoseUnmasked(inputs: readonly PastedInput[], model: Model): Diagnosis {
  const target = verifyTargetOf(model);
  const recognised: RecognisedInput[] = [];
  const found: Recognised[] = [];
  inputs.forEach((input, index) => {
    for (const result of recognise(input.text)) {
      found.push(result);
      recognised.push({
        index,
        name: result.section ? `${input.name}, section “${result.section}”` : input.name,
        kind: result.kind,
        label: result.label,
        ...(result.kind === 'unknown' ? { problem: result.problem } : {}),
        ...(result.section ? { command: result.section } : {}),
        ...(result.notice ? { notice: result.notice } : {}),
      });
    }
  });

  // With several mesh configs (e.g. two revisions), the one istiod of this configuration reads.
  const meshInputs = found.filter((r): r is Extract<Recognised, { kind: 'mesh-config' }> => r.kind === 'mesh-config');
  const meshInput = meshInputs.find((r) => r.name === target.meshConfigMapName) ?? meshInputs[0];
  const telemetries: TelemetryResource[] = [];
  let telemetrySeen = false;
  const istiodLines: string[] = [];
  const proxyLines: string[] = [];
  let istiodSeen = false;
  let proxySeen = false;
  const clusterInputs = found.filter((r) => r.kind === 'proxy-clusters');
  const clusters = clusterInputs.flatMap((r) => r.clusters);
  const listenerInputs = found.filter((r) => r.kind === 'proxy-listeners');
  // `kubectl get dynakube -A -o yaml` may list several: check the one this configuration names.
  const dynakubes = found.filter((r): r is Extract<Recognised, { kind: 'dynakube' }> => r.kind === 'dynakube');
  const dynakube =
    dynakubes.find((r) => textOf(asObject(r.dynakube.metadata)?.name) === model.operator.dynakubeName) ?? dynakubes[0];
  const analyzes = found.filter((r): r is Extract<Recognised, { kind: 'analyze' }> => r.kind === 'analyze');
  for (const result of found) {
    if (result.kind === 'telemetry') {
      telemetrySeen = true;
      telemetries.push(...result.telemetries);
    } else if (result.kind === 'istiod-log') {
      istiodSeen = true;
      istiodLines.push(...result.lines);
    } else if (result.kind === 'proxy-log') {
      proxySeen = true;
      proxyLines.push(...result.lines);
    }
  }

  const items = new Map<CheckId, ChecklistItem>();
  const put = (list: ChecklistItem[]) => list.forEach((item) => items.set(item.id, item));
  if (meshInput) {
    const live: LiveMeshConfig = {
      mesh: meshInput.mesh,
      ...(meshInput.name === undefined ? {} : { name: meshInput.name }),
      ...(meshInput.namespace === undefined ? {} : { namespace: meshInput.namespace }),
    };
    put(checkMeshConfig(live, model, target));
  }
  if (telemetrySeen) {
    const providerNames = meshInput ? providersOf(meshInput.mesh).map((p) => textOf(p.name)) : undefined;
    put(checkTelemetry(telemetries, model, target, meshFactsOf(meshInput?.mesh, providerNames)));
  }
  if (istiodSeen) put([checkLog(istiodLines, 'istiod', model, target)]);
  if (analyzes.length) {
    put([
      checkAnalyze(
        analyzes.flatMap((a) => a.messages),
        analyzes.every((a) => a.clean),
        model,
        target,
      ),
    ]);
  }
  // Each proxy's dump is checked on its own: one proxy with the tracer must not hide another without it.
  if (clusterInputs.length) {
    put([combine(clusterInputs.map((r) => [r, checkClusters(r.clusters, model, target)] as const))]);
  }
  if (listenerInputs.length) {
    put([combine(listenerInputs.map((r) => [r, checkListeners(r.listeners, model, target, r.rejected)] as const))]);
  }
  if (proxySeen) put([checkLog(proxyLines, 'proxy', model, target)]);
  if (dynakube) {
    const collector = clusters.find((cluster) => cluster.name === target.collectorCluster);
    put([
      checkDynakube(dynakube.dynakube, model, target, {
        ...(collector ? { collectorClusterHasTls: clusterOriginatesTls(collector) } : {}),
      }),
    ]);
  }

  const slots = CHECKLIST.filter((slot) => slot.id !== 'dynatrace.dynakube' || model.mode === 'operator' || dynakube);
  return summarise(
    recognised,
    slots.map((slot) => items.get(slot.id) ?? notChecked(slot, model, target)),
  );
}

/** One item from the same check run on several outputs: it fails when any fails, and says which. */
function combine(runs: readonly (readonly [Recognised, ChecklistItem])[]): ChecklistItem {
  if (runs.length === 1) return runs[0]![1];
  const name = (result: Recognised, index: number) => (result.section ? `“${result.section}”` : `output ${index + 1}`);
  const first = runs[0]![1];
  const failing = runs.filter(([, item]) => item.status === 'fail');
  return {
    ...first,
    status: failing.length > 0 ? 'fail' : 'pass',
    summary: runs.map(([result, item], index) => `${name(result, index)}: ${item.summary}`).join(' '),
    problems: runs.flatMap(([result, item], index) =>
      item.problems.map((problem) => ({ ...problem, message: `${name(result, index)}: ${problem.message}` })),
    ),
    notes: runs.flatMap(([result, item], index) =>
      item.notes.map((note) => ({ ...note, message: `${name(result, index)}: ${note.message}` })),
    ),
  };
}

function summarise(inputs: RecognisedInput[], items: ChecklistItem[]): Diagnosis {
  const anyFail = items.some((item) => item.status === 'fail');
  const anyChecked = items.some((item) => item.status !== 'not-checked');
  // An output that could not be read may hold the failure: never call the rest a pass.
  const allRead = inputs.every((input) => input.kind !== 'unknown');
  return { inputs, items, anyFail, allCheckedPass: anyChecked && !anyFail && allRead };
}
