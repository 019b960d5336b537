import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installChangesMarkdown, privateCaChangesMarkdown } from './install-changes';

describe('the README’s “What this changes in your cluster” table', () => {
  it('is what the resolved setup says for each format, exactly', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- install-changes:start[^>]*-->\n([\s\S]*?)\n<!-- install-changes:end -->/.exec(readme)?.[1];
    expect(
      block,
      'README.md needs the table between <!-- install-changes:start --> and <!-- install-changes:end -->',
    ).toBe(installChangesMarkdown());
  });

  it('names the Sail patch, the ambient profile and the lists that are replaced', () => {
    const table = installChangesMarkdown();
    expect(table).toContain('kubectl patch istio default --type merge');
    expect(table).toContain('spec.version, spec.updateStrategy');
    expect(table).toContain('envVarFrom');
  });
});

describe('the README’s private-CA table', () => {
  it('is what the resolved setup says for each arrangement, exactly', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- private-ca-changes:start[^>]*-->\n([\s\S]*?)\n<!-- private-ca-changes:end -->/.exec(
      readme,
    )?.[1];
    expect(block, 'README.md needs the table between the private-ca-changes markers').toBe(privateCaChangesMarkdown());
  });

  it('names what is left out of the file arrangement and that the ConfigMap is not in Istio’s docs', () => {
    const table = privateCaChangesMarkdown();
    expect(table).toContain('send nothing there');
    expect(table).toContain('exportTo "."');
    expect(table).toContain('does not describe it');
  });
});
