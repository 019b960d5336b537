/** One step a person runs or does: apply, restart or check. Anything in <angle brackets> is for the user to fill in. */
export interface CommandStep {
  id: string;
  title: string;
  /** One or two sentences: why this step, and what a good result looks like. */
  description: string;
  /** Absent for steps a person does in the Dynatrace UI. */
  command?: string;
  link?: string;
}

export interface TroubleshootingRow {
  symptom: string;
  cause: string;
  fix: string;
}
