import type { Finding } from '../../core/findings';
import type { MergeState } from '../merge/useMerge';
import type { Generation } from './useGeneration';

export interface StepProps {
  generation: Generation;
  requirementFindings: Finding[];
  merge: { text: string; setText: (text: string) => void; state: MergeState };
}
