import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../__fixtures__/models';
import { pinnedHelmUpgradeCommand } from './helm-upgrade';
import { generateVerification } from './verification';

/** Runs the command against a stand-in `helm` that answers `list` with the given JSON and records `upgrade`. */
function runWithFakeHelm(command: string, listJson: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fake-helm-'));
  const record = join(dir, 'upgrade-args');
  writeFileSync(
    join(dir, 'helm'),
    `#!/usr/bin/env bash\nif [ "$1" = list ]; then echo "$*" > ${dir}/list-args; printf '%s\\n' '${listJson}'; else echo "$*" > ${record}; fi\n`,
  );
  chmodSync(join(dir, 'helm'), 0o755);
  const result = spawnSync('bash', ['-c', `set -euo pipefail; ${command}`], {
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  return {
    status: result.status,
    stderr: result.stderr,
    listArgs: existsSync(join(dir, 'list-args')) ? readFileSync(join(dir, 'list-args'), 'utf8').trim() : undefined,
    upgradeArgs: existsSync(record) ? readFileSync(record, 'utf8').trim() : undefined,
  };
}

describe('the Helm apply step (item 5)', () => {
  const helm = operatorSaas({ output: { meshConfigFormat: 'helm' } });

  it('upgrades to the chart version the release already runs, never to the newest', () => {
    const run = runWithFakeHelm(
      pinnedHelmUpgradeCommand(helm),
      '[{"name":"istiod","namespace":"istio-system","revision":"4","status":"deployed","chart":"istiod-1.24.3","app_version":"1.24.3"}]',
    );
    expect(run.status).toBe(0);
    expect(run.listArgs).toBe('list -n istio-system -f ^istiod$ -o json');
    expect(run.upgradeArgs).toBe(
      'upgrade istiod istio/istiod -n istio-system --version 1.24.3 --reuse-values -f meshconfig.yaml',
    );
  });

  it('stops, without upgrading, when the release is not found', () => {
    const run = runWithFakeHelm(pinnedHelmUpgradeCommand(helm), '[]');
    expect(run.status).not.toBe(0);
    expect(run.upgradeArgs).toBeUndefined();
    expect(run.stderr).toContain('No Helm release istiod');
  });

  it('addresses the revision’s release in istiod’s namespace', () => {
    const revisioned = operatorSaas({
      istio: { istiodNamespace: 'istio-cp', revision: '1-24-3' },
      output: { meshConfigFormat: 'helm' },
    });
    const run = runWithFakeHelm(
      pinnedHelmUpgradeCommand(revisioned),
      '[{"name":"istiod-1-24-3","namespace":"istio-cp","chart":"istiod-1.24.3"}]',
    );
    expect(run.listArgs).toBe('list -n istio-cp -f ^istiod-1-24-3$ -o json');
    expect(run.upgradeArgs).toBe(
      'upgrade istiod-1-24-3 istio/istiod -n istio-cp --version 1.24.3 --reuse-values -f meshconfig.yaml',
    );
  });

  it('is the command the Verify step and apply.sh use', () => {
    const step = generateVerification(helm).apply.find((s) => s.id === 'mesh-config')!;
    expect(step.command).toBe(pinnedHelmUpgradeCommand(helm));
    expect(step.description).toMatch(/newest chart/);
  });
});
