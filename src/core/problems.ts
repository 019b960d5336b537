/*
 * Every problem a user's input can cause, declared once. Messages are free to improve; the code is
 * the contract that tests, the CLI and the page (data-problem) rely on.
 */
export type ProblemCode =
  // Reading any paste (mesh config, Hub snippet)
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'ALIAS_BOMB'
  | 'INVALID_YAML'
  | 'TAB_AS_INDENT'
  | 'DUPLICATE_KEY'
  | 'MULTIPLE_DOCUMENTS'
  | 'NOT_A_MAP'
  | 'NOT_A_MESH_CONFIG'
  | 'RESOURCE_LIST'
  | 'OTHER_KIND'
  | 'CONFIGMAP_WITHOUT_MESH'
  | 'MESH_NOT_A_MAP'
  // Merging
  | 'NOT_A_LIST'
  | 'MERGE_KEY'
  | 'ALIASED_NODE'
  | 'BOTH_SPELLINGS'
  | 'MERGE_UNSAFE'
  | 'TOO_SLOW'
  | 'UNEXPECTED'
  // Telemetry resources pasted to merge
  | 'NOT_A_TELEMETRY'
  // Dynatrace Hub snippets
  | 'NO_PROVIDER'
  // Share links
  | 'LINK_TOO_LONG'
  | 'LINK_NOT_WIZARD'
  | 'LINK_DAMAGED'
  | 'LINK_NEWER_FORMAT'
  | 'LINK_TOO_LARGE';

export interface InputProblem {
  code: ProblemCode;
  message: string;
  line?: number;
  col?: number;
}

export function problem(code: ProblemCode, message: string, line?: number, col?: number): InputProblem {
  return { code, message, ...(line === undefined ? {} : { line }), ...(col === undefined ? {} : { col }) };
}
