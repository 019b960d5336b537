import type { Finding } from '../../core';
import type { MergeState } from '../merge/useMerge';
import type { TelemetryMergeHandle } from '../telemetry/useTelemetryMerge';
import type { Generation } from './useGeneration';

export interface StepMerge {
  text: string;
  setText: (text: string) => void;
  state: MergeState;
  /** After a successful merge: hand out the merged meshconfig.yaml (true) or the generated one only. */
  useMerged: boolean;
  setUseMerged: (useMerged: boolean) => void;
  /**
   * The draft had a merged meshconfig.yaml, but its paste is gone (never stored: it may hold secrets): until the user
   * pastes again or accepts the generated file, the page says so and asks before handing out the generated one.
   */
  lost: boolean;
  /** The user answered: go on with the generated file. */
  acceptLost: () => void;
}

/** How the user left parts of a step, kept while they visit other steps. */
export interface StepLayoutMemory {
  /** Undefined until the user opens or closes the advanced options themselves. */
  advancedOptionsOpen: boolean | undefined;
  setAdvancedOptionsOpen: (open: boolean) => void;
}

export interface StepProps {
  generation: Generation;
  requirementFindings: Finding[];
  merge: StepMerge;
  /** The user's pasted Telemetries and ours merged into them (step 5). */
  telemetryMerge: TelemetryMergeHandle;
  layout: StepLayoutMemory;
}
