import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import { generateBundle } from './bundle';
import { dynakubeTelemetryIngestPatch } from './dynakube-patch';

function readmeOf(m: Model): string {
  const bundle = generateBundle(m);
  if (bundle.blocked) throw new Error('unexpected blocker');
  return bundle.files.find((file) => file.name === 'README.md')!.content;
}

describe('the bundle README in Operator mode', () => {
  it('carries the DynaKube merge patch for telemetry ingest and its kubectl patch command', () => {
    const readme = readmeOf(operatorSaas({ operator: { dynakubeName: 'dk1', namespace: 'dt' } }));
    const patch = dynakubeTelemetryIngestPatch({ dynakubeName: 'dk1', namespace: 'dt', serviceName: '' });
    expect(readme).toContain(`\`\`\`yaml\n${patch.text}\`\`\``);
    expect(readme).toContain(
      'kubectl patch dynakube dk1 -n dt --type merge --patch-file dynakube-telemetry-ingest.patch.yaml',
    );
    expect(readme).toContain('spec.templates.otelCollector.imageRef');
  });

  it('is not in a standalone README, where no DynaKube carries the traces', () => {
    expect(readmeOf(standalone('saas'))).not.toContain('telemetryIngest');
  });
});
