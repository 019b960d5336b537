import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installChangesMarkdown } from './install-changes';

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
