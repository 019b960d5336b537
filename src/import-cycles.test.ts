import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * No import cycles in src/: every relative import (static, type-only and dynamic import() alike) of every
 * src/**\/*.ts(x) file, resolved as the bundler does for './x' → x.ts, x.tsx, x/index.ts(x). A cycle through a type or
 * a lazy import() costs nothing at run time, but it means two modules each know the other: the shared piece belongs in
 * a module of its own.
 */

type Graph = ReadonlyMap<string, readonly string[]>;

const IMPORT =
  /(?:^|[^\w.$])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]*|\.{1,2})['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  return found === undefined ? undefined : relative('.', found);
}

/** Relative imports of `text`, without comments (a commented-out import is no edge). */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((match) => (match[1] ?? match[2])!);
}

function importGraph(dir: string): Graph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) {
    const targets = importsOf(readFileSync(file, 'utf8'))
      .map((specifier) => resolveImport(file, specifier))
      .filter((target): target is string => target !== undefined);
    graph.set(relative('.', file), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle's modules (Tarjan's strongly connected components of more than one module, or a self-import). */
export function importCycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('the import graph of src/', () => {
  it('finds a cycle, however it is imported, and none in a chain', () => {
    expect(
      importCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(importCycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(
      importCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
    expect(
      importsOf("import type { X } from '../App';\nexport { y } from './y';\nconst v = () => import('./v');"),
    ).toEqual(['../App', './y', './v']);
    expect(importsOf("// import { x } from './x';\nimport { z } from 'zod';")).toEqual([]);
  });

  for (const part of ['src/core', 'src/cli', 'src/ui']) {
    it(`has no import cycle in ${part}`, () => {
      const graph = importGraph('src');
      const cycles = importCycles(graph).filter((cycle) => cycle.some((file) => file.startsWith(`${part}/`)));
      expect(cycles).toEqual([]);
    });
  }

  it('reads the whole tree (a resolver that found nothing would pass vacuously)', () => {
    const graph = importGraph('src');
    expect(graph.get('src/ui/App.tsx')).toContain('src/ui/wizard/step-props.ts');
    expect(graph.get('src/ui/wizard/step-views.ts')).toContain('src/ui/steps/VerifyStep.tsx');
    expect(graph.get('src/cli/generate.ts')?.length).toBeGreaterThan(0);
  });
});
