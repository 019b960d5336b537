import { DATA_PLANE_LABELS, STATUS_LABELS, type TracingMap } from './tracing-map';

/*
 * The tracing map as text for a terminal: the summary first, then one block per namespace with a line per workload
 * (status, data plane, provider, the Telemetries that decide) and, for each that sends nothing, why and what to do.
 */

export function tracingMapText(map: TracingMap): string {
  const lines: string[] = [...map.summary.sentences, ''];
  for (const caveat of map.caveats) lines.push(`note: ${caveat}`);
  if (map.caveats.length > 0) lines.push('');
  for (const namespace of map.namespaces) {
    lines.push(`${namespace.name}  (${namespace.dataPlane})`);
    if (namespace.workloads.length === 0) lines.push('  no pods');
    for (const workload of namespace.workloads) {
      const mark = workload.status === 'sends' ? '✓' : workload.status === 'not-in-mesh' ? '·' : '✗';
      const provider = workload.provider ? `, provider ${workload.provider}` : '';
      const sampling = workload.sampling !== undefined ? `, sampling ${workload.sampling} %` : '';
      const pods = workload.pods === 1 ? '1 pod' : `${workload.pods} pods`;
      lines.push(
        `  ${mark} ${workload.owner} (${pods}): ${STATUS_LABELS[workload.status]} — ${DATA_PLANE_LABELS[workload.dataPlane]}${workload.revision && workload.revision !== 'default' ? ` (revision ${workload.revision})` : ''}${provider}${sampling}`,
      );
      if (workload.chain.length > 0) lines.push(`      decided by: ${workload.chain.join(' → ')}`);
      if (workload.status !== 'sends') lines.push(`      why: ${workload.reason}`);
      if (workload.fix !== '') lines.push(`      fix: ${workload.fix}`);
      for (const note of workload.notes) lines.push(`      note: ${note}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The map for a pipeline: the same facts as the text, as JSON. */
export function tracingMapJson(map: TracingMap): string {
  return `${JSON.stringify({ summary: map.summary, caveats: map.caveats, workloads: map.workloads }, null, 2)}\n`;
}
