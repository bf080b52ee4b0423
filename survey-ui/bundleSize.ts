import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * How much JavaScript a built page downloads, measured from the files in dist/ui.
 *
 * The build writes `.vite/chunks.json` (plugin {@link chunkGraph}): for every JS chunk its static
 * imports, dynamic imports and the source modules inside. A page's scripts are the ones its HTML
 * names (`<script src>`, `<link rel="modulepreload">`) plus everything they import, statically or
 * dynamically. Dynamic imports are counted because the resident page fetches them before the first
 * question shows (the questionnaire chunk right after the start page renders); the figure is
 * therefore an upper bound of what a resident downloads.
 *
 * The API serves dist/ui with dotfiles ignored, so `.vite/` is never delivered to browsers.
 */

/** Written by {@link chunkGraph}, relative to the build output directory. */
export const CHUNK_GRAPH_FILE = '.vite/chunks.json';

export interface ChunkInfo {
  /** Other chunks this one imports statically (fetched together with it). */
  imports: string[];
  /** Chunks this one loads with `import()`. */
  dynamicImports: string[];
  /** JS source modules bundled into the chunk: paths below survey-ui/, or `npm:<package>` for dependencies. */
  modules: string[];
}

export type ChunkGraph = Record<string, ChunkInfo>;

export interface PageScript {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** `start`: named by the HTML or statically imported by such a file; `dynamic`: loaded with `import()`. */
  loaded: 'start' | 'dynamic';
  modules: string[];
}

export interface PageScripts {
  page: string;
  scripts: PageScript[];
  /** gzip (level 9) bytes of the scripts loaded at start. */
  startGzipBytes: number;
  /** gzip (level 9) bytes of all scripts, including dynamic imports. */
  totalGzipBytes: number;
}

/** `npm:<package>` for a dependency module, the path below survey-ui/ for our own. */
function moduleName(id: string, uiRoot: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(clean);
  if (dependency) return `npm:${dependency[1]}`;
  return clean.startsWith(uiRoot) ? relative(uiRoot, clean) : clean;
}

/** Vite plugin that writes {@link CHUNK_GRAPH_FILE} next to the built pages. */
export function chunkGraph(uiRoot: string): Plugin {
  return {
    name: 'chunk-graph',
    apply: 'build',
    generateBundle(_options, bundle) {
      const graph: ChunkGraph = {};
      // Stylesheets go to .css assets; listing them would make a chunk look as if it held their package's code.
      const scriptModules = (ids: readonly string[]) => [...new Set(ids.filter((id) => !/\.css(\?|$)/.test(id)).map((id) => moduleName(id, uiRoot)))].sort();
      // A chunk of stylesheets only is dropped by Vite after this hook; it is never fetched, so it is left out here too.
      const cssOnly = new Set(Object.values(bundle).filter((o) => o.type === 'chunk' && scriptModules(o.moduleIds).length === 0).map((o) => o.fileName));
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk' || cssOnly.has(output.fileName)) continue;
        graph[output.fileName] = {
          imports: output.imports.filter((f) => !cssOnly.has(f)),
          dynamicImports: output.dynamicImports.filter((f) => !cssOnly.has(f)),
          modules: scriptModules(output.moduleIds),
        };
      }
      this.emitFile({ type: 'asset', fileName: CHUNK_GRAPH_FILE, source: `${JSON.stringify(graph, null, 1)}\n` });
    },
  };
}

/** Reads the chunk graph of a build. @throws Error naming the missing file when dist/ui was not built. */
export function readChunkGraph(uiDir: string): ChunkGraph {
  const path = join(uiDir, CHUNK_GRAPH_FILE);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build:ui first`);
  return JSON.parse(readFileSync(path, 'utf8')) as ChunkGraph;
}

/** The JS files a built HTML page names itself: module scripts and modulepreload links. */
export function scriptsNamedByHtml(html: string): string[] {
  const files = new Set<string>();
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const text = tag[0];
    const isModuleScript = tag[1] === 'script' && /\btype="module"/.test(text);
    const isPreload = tag[1] === 'link' && /\brel="modulepreload"/.test(text);
    const url = /\b(?:src|href)="\/?([^"]+\.js)"/.exec(text)?.[1];
    if ((isModuleScript || isPreload) && url) files.add(url);
  }
  return [...files];
}

/**
 * The scripts of one built page with raw and gzip (level 9) sizes.
 * Cost: one gzip per script; about 0.1 s for the resident page.
 * @throws Error when the page, the chunk graph or a named script is missing.
 * @example pageScriptSizes('dist/ui', 'teilnahme.html').totalGzipBytes // → 361234
 */
export function pageScriptSizes(uiDir: string, page = 'teilnahme.html'): PageScripts {
  const htmlPath = join(uiDir, page);
  if (!existsSync(htmlPath)) throw new Error(`${htmlPath} is missing: run npm run build:ui first`);
  const graph = readChunkGraph(uiDir);
  const loaded = new Map<string, 'start' | 'dynamic'>();
  const visit = (file: string, how: 'start' | 'dynamic') => {
    if (loaded.get(file) === 'start' || loaded.get(file) === how) return;
    const chunk = graph[file];
    if (!chunk) throw new Error(`${page} loads ${file}, which is not in ${CHUNK_GRAPH_FILE}`);
    loaded.set(file, how);
    for (const imported of chunk.imports) visit(imported, how);
    for (const imported of chunk.dynamicImports) visit(imported, 'dynamic');
  };
  for (const file of scriptsNamedByHtml(readFileSync(htmlPath, 'utf8'))) visit(file, 'start');
  const scripts = [...loaded].map(([file, how]): PageScript => {
    const content = readFileSync(join(uiDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, loaded: how, modules: graph[file]!.modules };
  });
  scripts.sort((a, b) => (a.loaded === b.loaded ? b.gzipBytes - a.gzipBytes : a.loaded === 'start' ? -1 : 1));
  const sum = (list: PageScript[]) => list.reduce((total, script) => total + script.gzipBytes, 0);
  return { page, scripts, startGzipBytes: sum(scripts.filter((s) => s.loaded === 'start')), totalGzipBytes: sum(scripts) };
}

/** One line per script plus totals, in kB (1 kB = 1000 bytes), for the benchmark and build reports. */
export function formatPageScripts(sizes: PageScripts): string {
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const lines = sizes.scripts.map((s) => `  ${s.file.padEnd(40)} ${s.loaded.padEnd(7)} ${kB(s.bytes).padStart(10)} raw ${kB(s.gzipBytes).padStart(9)} gzip`);
  lines.push(`  ${sizes.page}: ${kB(sizes.startGzipBytes)} gzip at start, ${kB(sizes.totalGzipBytes)} gzip with dynamic imports`);
  return lines.join('\n');
}
