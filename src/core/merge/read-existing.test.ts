import { describe, expect, it } from 'vitest';
import { readExistingMeshConfig } from './read-existing';

const problem = (text: string) => {
  const result = readExistingMeshConfig(text);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
};

describe('reading a pasted mesh config', () => {
  it('detects each form and names it', () => {
    const forms = {
      'istio-operator':
        'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig:\n    accessLogFile: /dev/stdout\n',
      helm: 'meshConfig:\n  accessLogFile: /dev/stdout\n',
      configmap:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: |\n    accessLogFile: /dev/stdout\n',
      'mesh-config': 'defaultProviders:\n  tracing: [zipkin]\n',
    };
    for (const [format, text] of Object.entries(forms)) {
      const result = readExistingMeshConfig(text);
      expect(result.ok && result.config.format).toBe(format);
    }
  });

  it('reads mesh values as Istio does (YAML 1.1: yes is true)', () => {
    const result = readExistingMeshConfig('meshConfig:\n  enablePrometheusMerge: yes\n');
    expect(result.ok && result.config.mesh).toEqual({ enablePrometheusMerge: true });
  });

  it('gives line and column for invalid YAML', () => {
    const found = problem('meshConfig:\n  accessLogFile: [unclosed\n  trustDomain: x\n');
    expect(found.line).toBeGreaterThan(1);
    expect(found.col).toBeGreaterThan(0);
  });

  it('explains tabs', () => {
    expect(problem('meshConfig:\n\taccessLogFile: /dev/stdout\n').code).toBe('TAB_AS_INDENT');
  });

  it('refuses several documents at once', () => {
    expect(problem('meshConfig: {}\n---\nkind: Telemetry\n').code).toBe('MULTIPLE_DOCUMENTS');
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    bomb.push('meshConfig: {x: *i}');
    expect(problem(bomb.join('\n')).code).toBe('ALIAS_BOMB');
  });

  it('refuses a 5 MB paste with its size', () => {
    const huge = `meshConfig:\n${'  # padding padding padding padding padding padding padding\n'.repeat(90_000)}`;
    expect(problem(huge).message).toMatch(/5\.\d MB/);
  });

  it('says what it expected for something that is not a mesh config', () => {
    expect(problem('apiVersion: apps/v1\nkind: Deployment\n').message).toMatch(/Deployment, not a mesh config/);
    expect(problem('hello: world\n').message).toMatch(/No mesh config found/);
    expect(problem('- a\n- b\n').message).toMatch(/not a mesh config/);
    expect(problem('   \n').message).toMatch(/Nothing to read/);
    expect(problem('apiVersion: v1\nkind: ConfigMap\ndata: {other: x}\n').message).toMatch(/no data.mesh/);
  });

  it('reports ConfigMap inner errors at the line of the outer file', () => {
    const found = problem('apiVersion: v1\nkind: ConfigMap\ndata:\n  mesh: |\n    a: [\n    b: c\n');
    expect(found.message).toMatch(/data.mesh holds invalid YAML/);
    expect(found.line).toBeGreaterThanOrEqual(4);
  });

  it('accepts Windows line endings and JSON, saying so', () => {
    const crlf = readExistingMeshConfig('meshConfig:\r\n  accessLogFile: /dev/stdout\r\n');
    expect(crlf.ok && crlf.config.lineEnding).toBe('\r\n');
    const json = readExistingMeshConfig('{"meshConfig": {"accessLogFile": "/dev/stdout"}}');
    expect(json.ok && json.config.json).toBe(true);
  });
});
