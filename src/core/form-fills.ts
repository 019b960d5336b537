import type { ParsedEnvironmentUrl } from './endpoints';
import type { HubSnippetValues } from './merge/hub-snippet';

/*
 * What a pasted Hub snippet or environment URL fills in, declared once as data: the form applies the
 * list as it is, so a new field read from a snippet needs no change in the UI.
 */

export type FillPath =
  | 'mode'
  | 'dynatrace.environmentKind'
  | 'dynatrace.environmentId'
  | 'dynatrace.host'
  | 'dynatrace.port'
  | 'dynatrace.clusterId'
  | 'operator.dynakubeName'
  | 'operator.namespace'
  | 'operator.serviceName'
  | 'provider.name'
  | 'token.value';

export interface FieldFill {
  path: FillPath;
  value: string;
}

const fromHubSnippet: readonly [FillPath, (values: HubSnippetValues) => string | undefined][] = [
  ['mode', (values) => values.mode],
  ['dynatrace.environmentKind', (values) => values.dynatrace.environmentKind],
  ['dynatrace.environmentId', (values) => values.dynatrace.environmentId],
  ['dynatrace.host', (values) => textOrNothing(values.dynatrace.host)],
  ['dynatrace.port', (values) => textOrNothing(values.dynatrace.port)],
  ['dynatrace.clusterId', (values) => textOrNothing(values.dynatrace.clusterId)],
  ['operator.dynakubeName', (values) => values.operator?.dynakubeName || undefined],
  ['operator.namespace', (values) => values.operator?.namespace || undefined],
  ['operator.serviceName', (values) => values.operator?.serviceName || undefined],
  ['provider.name', (values) => values.providerName || undefined],
  ['token.value', (values) => values.token || undefined],
];

function textOrNothing(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

export function fillsFromHubSnippet(values: HubSnippetValues): FieldFill[] {
  return fromHubSnippet.flatMap(([path, read]) => {
    const value = read(values);
    return value === undefined ? [] : [{ path, value }];
  });
}

export function fillsFromEnvironmentUrl(parsed: ParsedEnvironmentUrl): FieldFill[] {
  return [
    { path: 'dynatrace.environmentKind', value: parsed.environmentKind },
    { path: 'dynatrace.environmentId', value: parsed.environmentId },
    { path: 'dynatrace.host', value: parsed.host },
    { path: 'dynatrace.port', value: parsed.port === undefined ? '' : String(parsed.port) },
  ];
}
