import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommand, USAGE } from './args';
import { FLAGS, flagForPath, flagTableMarkdown, flagsOf, type FlagSpec } from './flags';
import { runCli } from './run';
import { runVerify, VERIFY_USAGE } from './verify-run';

const FIXTURES = 'src/core/verify/__fixtures__';
const context = {
  env: { DT_TOKEN: `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}` },
  readFile: (path: string) => readFileSync(path, 'utf8'),
};

/** A value each configuration flag takes, as a person would type it. */
const SAMPLE: Record<string, string[]> = {
  tenant: ['abc12345'],
  'environment-url': ['https://dt.example.com/e/abc12345'],
  'cluster-id': ['-1743916452'],
  'ca-certificates': ['/etc/corp-ca/ca.pem'],
  'ca-namespaces': ['shop,payments'],
  'ca-selector': ['app=checkout'],
  'ca-gateway-namespace': ['istio-ingress'],
  'ca-gateway-selector': ['istio=ingressgateway'],
  token: [`dt0c01.${'C'.repeat(24)}.${'D'.repeat(64)}`],
  'token-env': ['DT_TOKEN'],
  'token-env-name': ['DT_HEADER'],
  'token-secret': ['dt-secret'],
  dynakube: ['kube-a'],
  'operator-namespace': ['dt-operator'],
  'ingest-service': ['otel-in'],
  'provider-name': ['dt-otel-2'],
  timeout: ['1m30s'],
  'root-spans-per-minute': ['500'],
  'istio-version': ['1.26.2'],
  waypoint: ['waypoint:shop'],
  'root-namespace': ['mesh-root'],
  'istiod-namespace': ['istio-cp'],
  revision: ['1-26-2'],
  'cluster-domain': ['corp.example'],
  'sail-name': ['mesh-a'],
  'kubernetes-version': ['1.33'],
  'telemetry-namespace': ['shop'],
  selector: ['app=checkout'],
  sampling: ['5'],
  tag: ['team=literal:payments'],
};

function argumentsFor(flag: FlagSpec): string[] {
  if (flag.type === 'boolean') return [`--${flag.name}`];
  const values = flag.allowed ? [flag.allowed[flag.allowed.length - 1]!] : SAMPLE[flag.name];
  if (!values) throw new Error(`no sample value for --${flag.name}: add one`);
  return values.flatMap((value) => [`--${flag.name}`, value]);
}

const configurationFlags = FLAGS.filter((flag) => flag.use === 'configuration');

describe('the one flag table', () => {
  it.each(configurationFlags.map((flag) => [flag.name, flag] as const))(
    '--%s is accepted by generate and verify and means the same to both',
    (_name, flag) => {
      // --token and --token-env exclude each other; --waypoint needs the waypoint choice.
      const extra = flag.name === 'waypoint' ? ['--ambient', 'waypoints'] : [];
      const argv = [...extra, ...argumentsFor(flag)];
      const generate = parseCommand([...argv, '--out', 'x'], context, 'generate');
      const verify = parseCommand(argv, context, 'verify');
      expect(generate.kind).toBe('generate');
      expect(verify.kind).toBe('generate');
      if (generate.kind !== 'generate' || verify.kind !== 'generate') return;
      expect(verify.input).toEqual(generate.input);
      // And the flag changed something: it is not ignored by either.
      const without = parseCommand([...extra, '--out', 'x'], context, 'generate');
      expect(without.kind === 'generate' && without.input).not.toEqual(generate.input);
    },
  );

  it('gives the ambient choice to verify as to generate: --ambient waypoints is a flag, not a file to read', () => {
    const files = [`${FIXTURES}/analyze.pass.txt`];
    const result = runVerify(
      ['--tenant', 'abc12345', '--cluster-id', '1', '--ambient', 'waypoints', ...files],
      context,
    );
    expect(result.stderr).not.toContain('waypoints: cannot read it');
    expect(result.exitCode).not.toBe(2);
    expect(result.stdout).not.toContain('waypoints:');
  });

  it('refuses the flags that write files in verify, naming them, and keeps them in generate', () => {
    for (const flag of ['--out', '--merge', '--merge-telemetry', '--print-link']) {
      const result = runVerify(['--tenant', 'abc12345', flag, 'x', `${FIXTURES}/analyze.pass.txt`], context);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('write files');
    }
    expect(flagsOf('generate').map((flag) => flag.name)).toEqual(
      expect.arrayContaining(['out', 'merge', 'merge-telemetry', 'print-link']),
    );
    expect(flagsOf('verify').map((flag) => flag.name)).not.toEqual(expect.arrayContaining(['out']));
  });

  it('lists every flag of a command in its --help, and no flag of the other', () => {
    const generateHelp = runCli(['--help'], context).stdout;
    const verifyHelp = runVerify(['--help'], context).stdout;
    expect(generateHelp).toBe(`${USAGE}\n`);
    expect(verifyHelp).toBe(`${VERIFY_USAGE}\n`);
    for (const flag of flagsOf('generate')) expect(generateHelp).toContain(`--${flag.name}`);
    for (const flag of flagsOf('verify')) expect(verifyHelp).toContain(`--${flag.name}`);
    expect(verifyHelp).not.toMatch(/^ {2}--(out|merge|merge-telemetry|print-link)\b/m);
  });

  it('names the flag behind a model field in messages, both flags where two set one field', () => {
    expect(flagForPath('dynatrace.environmentId')).toBe('--tenant');
    expect(flagForPath('token.value')).toBe('--token / --token-env');
    expect(flagForPath('telemetry.selector.0.key')).toBe('--selector');
    expect(flagForPath('telemetry.customTags[1].name')).toBe('--tag');
    expect(flagForPath('not.a.field')).toBe('not.a.field');
    for (const flag of configurationFlags) {
      for (const path of flag.paths ?? []) expect(flagForPath(path)).toContain(`--${flag.name}`);
    }
  });

  it('is the README’s flag list, exactly', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- flags:start[^>]*-->\n([\s\S]*?)\n<!-- flags:end -->/.exec(readme)?.[1];
    expect(block, 'README.md needs the flag table between <!-- flags:start --> and <!-- flags:end -->').toBe(
      flagTableMarkdown(),
    );
  });
});
