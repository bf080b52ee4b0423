import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANSWER_TYPES, CONTAINER_TYPES, DISPLAY_TYPES } from '../../api/questionnaire/surveyModel';
import { formatPageScripts, pageScriptSizes, scriptsNamedByHtml } from '../bundleSize';
import { SUPPORTED_ELEMENT_TYPES, UNSUPPORTED_CORE_TYPES, survivingUnsupportedClasses } from '../surveyjsSubset';

const uiDir = process.env.UI_DIR ?? join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', 'ui');

/** Target of the collection requirements: the resident page's JavaScript, gzipped. */
const RESIDENT_JS_LIMIT_BYTES = 400_000;

describe('resident page bundle (built dist/ui)', function () {
  it('loads at most 400 kB of gzipped JavaScript, dynamic imports included', function () {
    const sizes = pageScriptSizes(uiDir, 'teilnahme.html');
    console.log(formatPageScripts(sizes));
    expect(sizes.scripts.length).to.be.greaterThan(0);
    expect(sizes.totalGzipBytes).to.be.at.most(RESIDENT_JS_LIMIT_BYTES);
  });

  it('shows the start page without SurveyJS, which is fetched as a separate chunk', function () {
    const sizes = pageScriptSizes(uiDir, 'teilnahme.html');
    const atStart = sizes.scripts.filter((s) => s.loaded === 'start').flatMap((s) => s.modules);
    expect(atStart).to.include('resident/ResidentPage.tsx');
    expect(atStart.filter((m) => m.startsWith('npm:survey-'))).to.deep.equal([]);
    const later = sizes.scripts.filter((s) => s.loaded === 'dynamic').flatMap((s) => s.modules);
    expect(later).to.include.members(['resident/SurveyView.tsx', 'npm:survey-core', 'npm:survey-react-ui']);
    expect(sizes.startGzipBytes).to.be.below(sizes.totalGzipBytes / 2);
  });

  it('contains no staff or planner code', function () {
    const sizes = pageScriptSizes(uiDir, 'teilnahme.html');
    const ownModules = sizes.scripts.flatMap((s) => s.modules.filter((m) => !m.startsWith('npm:')));
    expect(ownModules).to.include('resident/main.tsx');
    const staff = ownModules.filter((m) => /^(app|pages)\//.test(m) || m === 'index.html');
    expect(staff).to.deep.equal([]);
    const staffChunks = pageScriptSizes(uiDir, 'index.html').scripts.filter((s) => s.modules.some((m) => /^(app|pages)\//.test(m)));
    expect(staffChunks.length).to.be.greaterThan(0);
    for (const chunk of staffChunks) expect(sizes.scripts.map((s) => s.file)).not.to.include(chunk.file);
  });

  it('ships SurveyJS without the question types the server rejects, and with all it accepts', function () {
    expect([...SUPPORTED_ELEMENT_TYPES].sort()).to.deep.equal([...ANSWER_TYPES, ...DISPLAY_TYPES, ...CONTAINER_TYPES].sort());
    for (const type of UNSUPPORTED_CORE_TYPES) expect(SUPPORTED_ELEMENT_TYPES as readonly string[]).not.to.include(type);
    const sizes = pageScriptSizes(uiDir, 'teilnahme.html');
    const code = sizes.scripts.map((s) => readFileSync(join(uiDir, s.file), 'utf8')).join('\n');
    expect(survivingUnsupportedClasses(code)).to.deep.equal([]);
  });
});

describe('bundle size helpers', function () {
  it('reads module scripts and modulepreload links from built HTML, nothing else', function () {
    const html = '<script type="module" crossorigin src="/assets/a-1.js"></script><link rel="modulepreload" href="/assets/b-2.js"><link rel="stylesheet" href="/assets/c.css"><script src="/legacy.js"></script>';
    expect(scriptsNamedByHtml(html)).to.deep.equal(['assets/a-1.js', 'assets/b-2.js']);
  });

  it('finds a kept unsupported class by name or by its minified getType()', function () {
    expect(survivingUnsupportedClasses('class QuestionMatrixModel extends X {}')).to.deep.equal(['QuestionMatrixModel']);
    expect(survivingUnsupportedClasses('class e extends t{getType(){return`paneldynamic`}}')).to.deep.equal(["type 'paneldynamic'"]);
    expect(survivingUnsupportedClasses('class e extends t{getType(){return`radiogroup`}}')).to.deep.equal([]);
  });
});
