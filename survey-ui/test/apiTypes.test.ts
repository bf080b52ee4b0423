/**
 * The UI takes the shapes of the API's answers from the API modules that produce them, and only as
 * types: `import type` / `export type` are erased by the bundler, so the pages still talk to the API
 * over HTTP alone and no server code reaches the browser. (The pure libraries sampling/ and
 * analysis/ have no I/O; the UI may run their code, e.g. the map drawing.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '../../api/testing/compiledApp';

const uiRoot = join(repoRoot, 'survey-ui');

/** The UI's own sources: no tests, no build configuration. */
function uiSources(dir = uiRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'node_modules' ? [] : uiSources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !/\.config\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Import and re-export statements whose module lies in api/ (path from the project folder). */
function serverImports(file: string): { statement: string; module: string }[] {
  const text = readFileSync(file, 'utf8');
  const found: { statement: string; module: string }[] = [];
  for (const m of text.matchAll(/^(import|export)\s[^;]*?from\s+'(\.[^']+)';/gms)) {
    const module = relative(repoRoot, join(file, '..', m[2]!)).replaceAll('\\', '/');
    if (module.startsWith('api/')) found.push({ statement: m[0].replace(/\s+/g, ' '), module });
  }
  return found;
}

describe('UI: answer types come from the API, as types only', () => {
  const files = uiSources();

  it('imports nothing from the server but types', () => {
    const valueImports = files.flatMap((file) =>
      serverImports(file)
        .filter((i) => !/^(import|export) type\s/.test(i.statement))
        .map((i) => `${relative(repoRoot, file)}: ${i.statement}`),
    );
    expect(valueImports).to.deep.equal([]);
  });

  it('the sampling, admin and analysis pages keep no copies of the answer types', () => {
    const imports = (path: string) => serverImports(join(uiRoot, path)).map((i) => i.module);
    expect(imports('pages/sampling/samplingApi.ts')).to.include('api/samplingWorkflow/panelWaves').and.include('api/samplingWorkflow/frameImport');
    expect(imports('pages/admin/types.ts')).to.include('api/users/userService');
    expect(imports('pages/analysis/types.ts')).to.include('api/analysisWorkflow/analysisAnswers');
    for (const path of ['pages/sampling/samplingApi.ts', 'pages/admin/types.ts', 'pages/analysis/types.ts']) {
      expect(readFileSync(join(uiRoot, path), 'utf8'), path).to.not.match(/^export interface (WaveOverview|ImportProgress|UserAccount|AuditEntry|Indicator|Cell|Overview)\b/m);
    }
  });
});
