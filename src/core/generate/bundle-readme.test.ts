import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import { generateBundle } from './bundle';

function readmeOf(m: Model): { readme: string; names: string[] } {
  const bundle = generateBundle(m);
  if (bundle.blocked) throw new Error('unexpected blocker');
  return {
    readme: bundle.files.find((file) => file.name === 'README.md')!.content,
    names: bundle.files.map((file) => file.name),
  };
}

/** The rows of the Markdown table whose header starts with `header`, cells split on unescaped pipes. */
function tableRows(readme: string, header: string): string[][] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('the bundle’s README.md', () => {
  it('says what each file of the bundle is', () => {
    for (const m of [operatorSaas(), standalone('managed')]) {
      const { readme, names } = readmeOf(m);
      const rows = tableRows(readme, '| File |');
      expect(rows.map((row) => row[0])).toEqual(names.map((name) => `\`${name}\``));
      for (const row of rows) expect(row[1]).not.toBe('');
    }
  });

  it('says what each apply step changes in the cluster and how to undo it', () => {
    const { readme } = readmeOf(standalone('saas', { token: { storage: 'istiod-env' } }));
    const rows = tableRows(readme, '| Step |');
    expect(rows.map((row) => row[0])).toEqual([
      '1. Store the API token in a Secret',
      '2. Apply the mesh configuration',
      '3. Deploy the ServiceEntry and DestinationRule',
      '4. Enable the tracing provider',
    ]);
    expect(rows.map((row) => row[2])).toEqual(['created', 'replaced', 'created', 'created']);
    for (const row of rows) {
      expect(row).toHaveLength(5);
      expect(row[4]).not.toBe('');
    }
    expect(rows[0]![4]).toBe('kubectl -n istio-system delete secret dynatrace-otel-token');
    expect(rows[2]![4]).toBe('kubectl delete -n istio-system -f dt-serviceentry.yaml');
  });

  it('names a whole-install format as replaced, and a Helm upgrade as modified with its rollback', () => {
    const istioctl = tableRows(readmeOf(operatorSaas()).readme, '| Step |')[0]!;
    expect(istioctl[2]).toBe('replaced');
    expect(istioctl[3]).toContain('replaces the whole installation');
    const helm = tableRows(readmeOf(operatorSaas({ output: { meshConfigFormat: 'helm' } })).readme, '| Step |')[0]!;
    expect(helm[2]).toBe('modified');
    expect(helm[4]).toContain('helm rollback istiod -n istio-system');
  });

  it('carries the warnings the page shows, and points to the plan, collect.sh and the Verify step', () => {
    const { readme } = readmeOf(operatorSaas({ output: { meshConfigFormat: 'configmap' } }));
    expect(readme).toContain('Applying the istio ConfigMap replaces the whole mesh config');
    expect(readme).toContain('```sh\n./apply.sh\n```');
    expect(readme).toContain('./apply.sh --apply');
    expect(readme).toContain('./collect.sh');
    expect(readme).toContain('Verify step (step 6)');
    expect(readme).not.toContain('npm run verify');
  });

  it('is exactly as reviewed', async () => {
    await expect(readmeOf(standalone('saas', { token: { storage: 'istiod-env' } })).readme).toMatchFileSnapshot(
      '__golden__/README.standalone-saas.istiod-env.md',
    );
    const bundle = generateBundle(operatorSaas());
    if (bundle.blocked) throw new Error('unexpected blocker');
    await expect(bundle.files.find((file) => file.name === 'collect.sh')!.content).toMatchFileSnapshot(
      '__golden__/collect.operator-saas.sh',
    );
  });
});
