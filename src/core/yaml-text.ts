import { Document } from 'yaml';

/*
 * Every generated document is built as plain data and serialized here, and only here.
 * Istio and kubectl read YAML with 1.1 rules (`yes`, `on`, `0755` are not strings there), so we
 * serialize as YAML 1.1: any string that 1.1 would read as something else gets quoted.
 */
export function toYaml(value: unknown): string {
  return new Document(value, { version: '1.1' }).toString({ lineWidth: 0 });
}

/** Several documents in one file, separated as kubectl expects. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}
