import type { CheckId, InputKind, Stage } from './types';

export interface Slot {
  id: CheckId;
  stage: Stage;
  title: string;
  needs: InputKind;
}

/** One hop of the trace path: its checks as (id, the output each needs, title), one line each. */
type Check = readonly [id: CheckId, needs: InputKind, title: string];
const hop = (stage: Stage, checks: readonly Check[]): Slot[] =>
  checks.map(([id, needs, title]) => ({ id, stage, title, needs }));

/** Every check, in flow order: mesh config → Telemetry → istiod → proxy → Dynatrace. */
export const CHECKLIST: readonly Slot[] = [
  ...hop('mesh-config', [
    ['mesh.provider', 'mesh-config', 'The provider is in the live mesh config'],
    ['mesh.provider-fields', 'mesh-config', 'Its fields match the generated ones'],
    ['mesh.traps', 'mesh-config', 'Nothing in the mesh config fights with it'],
  ]),
  ...hop('telemetry', [
    ['telemetry.references-provider', 'telemetry', 'A Telemetry names the provider'],
    ['telemetry.applies', 'telemetry', 'That Telemetry is the one that applies'],
    ['telemetry.conflicts', 'telemetry', 'No conflicting Telemetries'],
  ]),
  ...hop('istiod', [
    ['istiod.log', 'istiod-log', 'istiod configured the tracer'],
    ['istiod.analyze', 'analyze', 'istioctl analyze reports nothing that matters here'],
  ]),
  ...hop('proxy', [
    ['proxy.cluster', 'proxy-clusters', 'The proxy knows where to send spans'],
    ['proxy.tracer', 'proxy-listeners', 'The proxy traces with the Dynatrace provider'],
    ['proxy.log', 'proxy-log', 'The proxy exports without errors'],
  ]),
  ...hop('dynatrace', [['dynatrace.dynakube', 'dynakube', 'The DynaKube runs OTLP telemetry ingest']]),
];

export function slotOf(id: CheckId): Slot {
  const slot = CHECKLIST.find((candidate) => candidate.id === id);
  if (!slot) throw new Error(`unknown check ${id}`);
  return slot;
}
