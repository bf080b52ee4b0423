import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import de from '../i18n/de.json';
import en from '../i18n/en.json';

const uiRoot = fileURLToPath(new URL('..', import.meta.url));

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'test' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('survey-ui text catalogues', function () {
  const german = flatten(de);
  const english = flatten(en);

  it('has the same keys in German and English', function () {
    expect([...english.keys()].sort()).to.deep.equal([...german.keys()].sort());
  });

  it('uses the same interpolation variables in both languages', function () {
    for (const [key, text] of german) expect(variables(english.get(key) ?? ''), key).to.deep.equal(variables(text));
  });

  it('has no empty texts', function () {
    for (const [key, text] of [...german, ...english]) expect(text.trim(), key).to.not.equal('');
  });

  it('contains every key the source code asks for', function () {
    const files = sourceFiles(uiRoot);
    // Some sections register their own texts at run time (a texts.ts calling addResourceBundle);
    // their keys live there, not in the shared catalogue.
    const ownTexts = new Set(files.filter((file) => readFileSync(file, 'utf8').includes('addResourceBundle(')).map((file) => dirname(file)));
    const missing: string[] = [];
    for (const file of files.filter((candidate) => !ownTexts.has(dirname(candidate)))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) {
        if (!german.has(match[1]!)) missing.push(`${file.slice(uiRoot.length)}: ${match[1]}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('names every role and section the code builds keys for', function () {
    for (const role of ['admin', 'planner', 'staff']) expect(german.has(`roles.${role}`), role).to.equal(true);
    for (const section of ['sampling', 'fieldwork', 'analysis', 'admin']) expect(german.has(`nav.${section}`), section).to.equal(true);
  });

  it('labels every audit action the API writes, in both languages', function () {
    const apiRoot = fileURLToPath(new URL('../../api', import.meta.url));
    const actions = new Set<string>();
    for (const file of sourceFiles(apiRoot).filter((f) => !f.endsWith('.test.ts'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\baction: '([a-z_.]+)'/g)) actions.add(match[1]!);
    }
    // The scan must find the actions, or it proves nothing.
    expect(actions.size).to.be.greaterThan(15);
    const unlabelled = [...actions].filter((a) => !german.has(`admin.audit.actions.${a.replaceAll('.', '_')}`) || !english.has(`admin.audit.actions.${a.replaceAll('.', '_')}`));
    expect(unlabelled).to.deep.equal([]);
  });
});
