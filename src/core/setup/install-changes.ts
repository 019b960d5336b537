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

/*
 * The README's private-CA table: for each way the proxies can get your CA, what apply.sh creates (before the rules),
 * which DestinationRules it writes and who is left out, from the resolved setup of a sample Managed configuration.
 */
const PRIVATE_CA_SAMPLES: { name: string; dynatrace: Record<string, unknown>; version: string }[] = [
  { name: 'file, namespaces shop and payments', dynatrace: { caNamespaces: 'shop, payments' }, version: '1.28.1' },
  {
    name: 'file, plus an ingress gateway',
    dynatrace: {
      caNamespaces: 'shop',
      caGatewayNamespace: 'istio-ingress',
      caGatewaySelector: [{ key: 'istio', value: 'ingressgateway' }],
    },
    version: '1.28.1',
  },
  { name: 'ConfigMap (Istio 1.26+)', dynatrace: { caDelivery: 'configmap' }, version: '1.28.1' },
];

export function privateCaChangesMarkdown(): string {
  const rows = PRIVATE_CA_SAMPLES.map(({ name, dynatrace, version }) => {
    const input = withDefaults(
      {
        mode: 'standalone',
        istio: { version },
        dynatrace: {
          environmentId: 'abc12345',
          clusterId: '1',
          environmentKind: 'managed',
          host: 'dynatrace.example.com',
          tls: 'ca-certificates',
          ...dynatrace,
        },
        token: { storage: 'istiod-env' },
      },
      defaultModel,
    );
    const result = validateModel(input);
    if (!result.ok) throw new Error(`sample configuration is invalid: ${JSON.stringify(result.issues)}`);
    const { tls } = resolveSetup(result.model);
    if (tls.kind !== 'ca-certificates' && tls.kind !== 'ca-configmap') throw new Error('expected a private CA');
    const carriers = tls.carriers
      .map((carrier) => `${carrier.kind} ${carrier.namespace}/${carrier.name} (key ${carrier.key})`)
      .join(', ');
    const mounts =
      tls.kind === 'ca-certificates' && tls.mountNamespaces.length > 0
        ? `; pod annotations mounting it in ${tls.mountNamespaces.join(', ')} (rolls them out)`
        : '';
    const rules = tls.rules
      .map((rule) => `${rule.namespace}/${rule.name}${rule.exportTo ? ' (exportTo ".")' : ''}: ${rule.description}`)
      .join('; ');
    return `| ${name} | ${cell(carriers + mounts)} | ${cell(rules)} | ${cell(tls.tradeOff)} |`;
  });
  return [
    '| your CA as | created first | DestinationRules (who they reach) | left out |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
