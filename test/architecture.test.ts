// The pipeline's direction, enforced: a folder under src/ imports only the
// folders below it (core at the bottom, cli at the top), and no file imports
// itself back through others. See README › Dành cho người phát triển.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Top to bottom. A folder may import its own files and any folder after it. */
const LAYERS = ['cli', 'report', 'round', 'results', 'scoring', 'evidence', 'units', 'criteria', 'yaml', 'io', 'diagnostics', 'core'] as const;

const SRC = path.resolve(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static, type-only and dynamic), resolved to .ts paths under src/. */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '.ts'));
  }
  return out;
}

function layerOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

/** Imports that point upward (or to a folder that is not a known layer). */
function wrongWay(graph: Map<string, string[]>): string[] {
  const rank = new Map<string, number>(LAYERS.map((l, i) => [l, i]));
  const bad: string[] = [];
  for (const [from, tos] of graph) {
    for (const to of tos) {
      const a = rank.get(layerOf(from));
      const b = rank.get(layerOf(to));
      if (a === undefined || b === undefined || b < a) bad.push(`${path.relative(SRC, from)} → ${path.relative(SRC, to)}`);
    }
  }
  return bad;
}

/** File-level cycles, each as a list of files. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      found.push(stack.slice(stack.indexOf(f)).map((p) => path.relative(SRC, p)));
      return;
    }
    state.set(f, 'open');
    stack.push(f);
    for (const t of graph.get(f) ?? []) visit(t);
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f);
  return found;
}

function srcGraph(): Map<string, string[]> {
  return new Map(sourceFiles(SRC).map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));
}

describe('architecture', () => {
  it('every folder under src/ is a known layer', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(path.join(SRC, n)).isDirectory());
    expect(folders.filter((f) => !(LAYERS as readonly string[]).includes(f))).toEqual([]);
    expect(readdirSync(SRC).filter((n) => !statSync(path.join(SRC, n)).isDirectory())).toEqual([]);
  });

  it('imports point down the pipeline only', () => {
    expect(wrongWay(srcGraph())).toEqual([]);
  });

  it('no file imports itself back through others', () => {
    expect(cycles(srcGraph())).toEqual([]);
  });

  it('the check catches a deliberately wrong import', () => {
    const engine = path.join(SRC, 'scoring', 'engine.ts');
    const bad = importsOf(engine, "import { renderTable } from '../report/table.js';");
    expect(wrongWay(new Map([[engine, bad]]))).toEqual(['scoring/engine.ts → report/table.ts']);
    const a = path.join(SRC, 'core', 'a.ts');
    const b = path.join(SRC, 'core', 'b.ts');
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['core/a.ts', 'core/b.ts']]);
  });
});
