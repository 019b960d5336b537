/*
 * What the verifier reads and what it answers: every pasted text gets a kind (or a clear "not
 * recognised"), and the answer is a checklist in the order traces flow, each item pass / fail / not
 * checked yet. Codes are stable (tests and the e2e assert them); wording is free to improve.
 */

export type InputKind =
  | 'mesh-config'
  | 'telemetry'
  | 'istiod-log'
  | 'proxy-clusters'
  | 'proxy-listeners'
  | 'proxy-log'
  | 'dynakube'
  | 'analyze';

export const INPUT_KIND_LABELS: Record<InputKind, string> = {
  'mesh-config': 'live mesh config (istio ConfigMap or its data.mesh)',
  telemetry: 'Telemetry resources (kubectl get telemetry)',
  'istiod-log': 'istiod logs',
  'proxy-clusters': 'proxy clusters (istioctl proxy-config cluster -o json)',
  'proxy-listeners': 'proxy listeners (istioctl proxy-config listener -o json)',
  'proxy-log': 'proxy (Envoy) logs',
  dynakube: 'DynaKube',
  analyze: 'istioctl analyze output',
};

/** The stages a span passes, in flow order; the checklist is grouped by them. */
export type Stage = 'mesh-config' | 'telemetry' | 'istiod' | 'proxy' | 'dynatrace';

export const STAGE_LABELS: Record<Stage, string> = {
  'mesh-config': 'Mesh config',
  telemetry: 'Telemetry',
  istiod: 'istiod',
  proxy: 'Proxy',
  dynatrace: 'Dynatrace',
};

export type CheckId =
  | 'mesh.provider'
  | 'mesh.provider-fields'
  | 'mesh.traps'
  | 'telemetry.references-provider'
  | 'telemetry.applies'
  | 'telemetry.conflicts'
  | 'istiod.log'
  | 'proxy.cluster'
  | 'proxy.tracer'
  | 'proxy.log'
  | 'dynatrace.dynakube'
  | 'istiod.analyze';

export type CheckStatus = 'pass' | 'fail' | 'not-checked';

/** One finding inside a check: a code for tests, what was seen, why, and what to do. */
export interface Problem {
  code: string;
  message: string;
  cause?: string;
  fix?: string;
  /** Text to apply or run, e.g. a corrected provider entry; shown as code with a Copy button. */
  fixText?: string;
}

export interface ChecklistItem {
  id: CheckId;
  stage: Stage;
  title: string;
  status: CheckStatus;
  /** What the check saw when it passed or failed, in one sentence. */
  summary: string;
  /** For fail: each problem found. For pass: notes worth knowing (not failures). */
  problems: Problem[];
  notes: Problem[];
  /** The command whose output this check reads (always set, so a failed check can be re-run). */
  command: string;
  /** The input kind to paste for it. */
  needs: InputKind;
}

export interface RecognisedInput {
  /** Index in the pasted texts, and a name for it (file name or "paste 1"). */
  index: number;
  name: string;
  kind: InputKind | 'unknown';
  label: string;
  /** Set when the text is not recognised or cannot be read. */
  problem?: string;
  /** The command a collect.sh separator names for this part of the file. */
  command?: string;
  /** What the reader did that the user should know (e.g. read only the newest part of a long log). */
  notice?: string;
}

export interface Diagnosis {
  inputs: RecognisedInput[];
  items: ChecklistItem[];
  /** True when at least one item was checked, none failed and every input was read. */
  allCheckedPass: boolean;
  anyFail: boolean;
}
