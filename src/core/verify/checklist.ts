import type { CheckId, InputKind, Stage } from './types';

export interface Slot {
  id: CheckId;
  stage: Stage;
  title: string;
  needs: InputKind;
}

/** Every check, in flow order: mesh config → Telemetry → istiod → proxy → Dynatrace. */
export const CHECKLIST: readonly Slot[] = [
  { id: 'mesh.provider', stage: 'mesh-config', title: 'The provider is in the live mesh config', needs: 'mesh-config' },
  {
    id: 'mesh.provider-fields',
    stage: 'mesh-config',
    title: 'Its fields match the generated ones',
    needs: 'mesh-config',
  },
  { id: 'mesh.traps', stage: 'mesh-config', title: 'Nothing in the mesh config fights with it', needs: 'mesh-config' },
  {
    id: 'telemetry.references-provider',
    stage: 'telemetry',
    title: 'A Telemetry names the provider',
    needs: 'telemetry',
  },
  { id: 'telemetry.applies', stage: 'telemetry', title: 'That Telemetry is the one that applies', needs: 'telemetry' },
  { id: 'telemetry.conflicts', stage: 'telemetry', title: 'No conflicting Telemetries', needs: 'telemetry' },
  { id: 'istiod.log', stage: 'istiod', title: 'istiod configured the tracer', needs: 'istiod-log' },
  {
    id: 'istiod.analyze',
    stage: 'istiod',
    title: 'istioctl analyze reports nothing that matters here',
    needs: 'analyze',
  },
  { id: 'proxy.cluster', stage: 'proxy', title: 'The proxy knows where to send spans', needs: 'proxy-clusters' },
  {
    id: 'proxy.tracer',
    stage: 'proxy',
    title: 'The proxy traces with the Dynatrace provider',
    needs: 'proxy-listeners',
  },
  { id: 'proxy.log', stage: 'proxy', title: 'The proxy exports without errors', needs: 'proxy-log' },
  { id: 'dynatrace.dynakube', stage: 'dynatrace', title: 'The DynaKube runs OTLP telemetry ingest', needs: 'dynakube' },
];

export function slotOf(id: CheckId): Slot {
  const slot = CHECKLIST.find((candidate) => candidate.id === id);
  if (!slot) throw new Error(`unknown check ${id}`);
  return slot;
}
