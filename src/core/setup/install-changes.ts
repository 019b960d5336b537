import { MESH_CONFIG_FORMATS, defaultModel, withDefaults } from '../defaults';
import { validateModel } from '../model';
import { resolveSetup } from './resolved-setup';

/*
 * The README's "What this changes in your cluster" table, from the resolved setup's install path of each format
 * (a sample standalone configuration with the token in a Secret, the case that changes most), so the README and
 * what the CLI prints cannot drift apart. A test compares the README block with this exactly.
 */

const FORMAT_NAMES = {
  'istio-operator': 'IstioOperator',
  helm: 'Helm values',
  configmap: 'ConfigMap',
  sail: 'Sail patch',
} as const;

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function installChangesMarkdown(): string {
  const rows = MESH_CONFIG_FORMATS.map((format) => {
    const input = withDefaults(
      {
        mode: 'standalone',
        istio: { version: '1.28.1' },
        dynatrace: { environmentId: 'abc12345', clusterId: '1' },
        token: { storage: 'istiod-env' },
        output: { meshConfigFormat: format },
      },
      defaultModel,
    );
    const result = validateModel(input);
    if (!result.ok) throw new Error(`sample configuration is invalid: ${JSON.stringify(result.issues)}`);
    const install = resolveSetup(result.model).controlPlane.install;
    return `| ${FORMAT_NAMES[format]} | \`${cell(install.command)}\` | ${cell(install.replaces)} | ${cell(install.keeps)} | ${cell(install.restarts)} |`;
  });
  return ['| format | applied with | replaces | keeps | restarts |', '|---|---|---|---|---|', ...rows].join('\n');
}
