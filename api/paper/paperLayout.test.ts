import { expect } from 'chai';
import { parseQuestionnaire } from '../questionnaire/parseQuestionnaire';
import { questionCatalogue } from '../questionnaire/questionCatalogue';
import { loadQuestionnaire } from '../questionnaire/registry';
import { layoutForPage } from './layoutForPage';
import { pagePayload, parsePagePayload } from './pageIdentity';
import { BOX_CLEARANCE_MM, PAPER_GEOMETRY, paperLayout, type PaperLayout, type PaperPage } from './paperLayout';
import { resolveQuestionnaire } from './resolveQuestionnaire';

const json = loadQuestionnaire(1);
const ref = 'family-life-quality@1';
const de = paperLayout(json, { questionnaire: ref, lang: 'de', largePrint: false });
const en = paperLayout(json, { questionnaire: ref, lang: 'en', largePrint: false });
const large = paperLayout(json, { questionnaire: ref, lang: 'de', largePrint: true });

interface Rect { xMm: number; yMm: number; wMm: number; hMm: number }
/** Gap between two rectangles (0 when they touch or overlap). */
function gap(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.xMm - (a.xMm + a.wMm), a.xMm - (b.xMm + b.wMm));
  const dy = Math.max(0, b.yMm - (a.yMm + a.hMm), a.yMm - (b.yMm + b.hMm));
  return Math.hypot(dx, dy);
}
const rects = (p: PaperPage): { what: string; r: Rect; isBox: boolean }[] => [
  ...p.boxes.map((b) => ({ what: `box ${b.question}=${String(b.value)}`, r: b, isBox: true })),
  ...p.digitBoxes.map((b) => ({ what: `digit ${b.question}#${b.position}`, r: b, isBox: true })),
  ...p.textAreas.map((b) => ({ what: `area ${b.question}`, r: b, isBox: true })),
  ...p.texts.map((t) => ({ what: `text '${t.text}'`, r: t, isBox: false })),
];
const questionSet = (l: PaperLayout) => new Set(l.pages.flatMap((p) => [...p.boxes, ...p.digitBoxes, ...p.textAreas].map((b) => b.question)));

describe('paperLayout: the printed questionnaire decided in millimetres', () => {
  it('is deterministic: the same version and options give the same pages and hash, other options another hash', () => {
    const again = paperLayout(structuredClone(json) as typeof json, { questionnaire: ref, lang: 'de', largePrint: false });
    expect(again).to.deep.equal(de);
    expect(de.layoutHash).to.match(/^[0-9a-f]{8}$/);
    expect(new Set([de.layoutHash, en.layoutHash, large.layoutHash]).size).to.equal(3);
  });

  it('gives every answerable question of v1 its boxes: one per choice or rating value, digits for numbers, an area for text', () => {
    const boxes = de.pages.flatMap((p) => p.boxes);
    const digits = de.pages.flatMap((p) => p.digitBoxes);
    const areas = de.pages.flatMap((p) => p.textAreas);
    for (const q of questionCatalogue(json)) {
      if (q.inputType === 'number') {
        const mine = digits.filter((d) => d.question === q.name);
        expect(mine.map((d) => d.position), q.name).to.deep.equal([...Array(String(q.max).length).keys()]);
      } else if (q.choices) {
        const mine = boxes.filter((b) => b.question === q.name);
        expect(mine.map((b) => b.value), q.name).to.deep.equal(q.choices.map((c) => c.value));
        expect(mine.every((b) => b.multiple === q.multiple), q.name).to.equal(true);
      } else expect(areas.map((a) => a.question), q.name).to.include(q.name);
    }
    expect(boxes.filter((b) => b.question === 'info_channels').every((b) => b.multiple)).to.equal(true);
    expect(boxes.filter((b) => b.question === 'life_quality').map((b) => b.value)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  for (const layout of [de, en, large]) {
    it(`keeps boxes ${BOX_CLEARANCE_MM} mm from every other box and text, all inside the printable area, clear of fiducials and QR (${layout.lang}${layout.largePrint ? ', large print' : ''})`, () => {
      const { fiducials, fiducialClearMm, qr, page } = PAPER_GEOMETRY;
      const qrZone = { xMm: qr.xMm - 2, yMm: qr.yMm - 2, wMm: qr.sizeMm + 4, hMm: qr.sizeMm + 9 };
      for (const p of layout.pages) {
        expect(p.widthMm).to.equal(210);
        expect(p.heightMm).to.equal(297);
        const all = rects(p);
        for (const [i, a] of all.entries()) {
          expect(a.r.xMm, a.what).to.be.at.least(18);
          expect(a.r.xMm + a.r.wMm, a.what).to.be.at.most(page.widthMm - 18);
          for (const f of fiducials) expect(gap(a.r, { xMm: f.xMm, yMm: f.yMm, wMm: 0, hMm: 0 }), `${a.what} near fiducial`).to.be.at.least(fiducialClearMm);
          expect(gap(a.r, qrZone), `${a.what} near QR`).to.be.greaterThan(0);
          for (const b of all.slice(i + 1)) {
            if (a.isBox || b.isBox) expect(gap(a.r, b.r), `${a.what} vs ${b.what} on page ${p.page}`).to.be.at.least(BOX_CLEARANCE_MM - 0.02);
          }
        }
      }
    });
  }

  it('large print draws bigger boxes and fewer of them per page', () => {
    expect(large.pages[1]!.boxes[0]!.wMm).to.equal(7);
    expect(de.pages[1]!.boxes[0]!.wMm).to.equal(5);
    const perPage = (l: PaperLayout) => l.pages.reduce((s, p) => s + p.boxes.length, 0) / l.pages.length;
    expect(large.pages.length).to.be.greaterThan(de.pages.length);
    expect(perPage(large)).to.be.lessThan(perPage(de));
  });

  it('English and German differ in their texts, not in the questions and values asked', () => {
    expect(questionSet(en)).to.deep.equal(questionSet(de));
    const values = (l: PaperLayout) => l.pages.flatMap((p) => p.boxes.map((b) => `${b.question}=${String(b.value)}`));
    expect(values(en)).to.deep.equal(values(de));
    const text = (l: PaperLayout) => l.pages.flatMap((p) => p.texts.map((t) => t.text)).join(' ');
    expect(text(de)).to.contain('Wie viele Kinder unter 18 Jahren');
    expect(text(en)).to.contain('How many children under 18');
    expect(text(en)).not.to.contain('Wie viele Kinder');
  });

  it('prints the filter logic: jumps at the choice and a condition on the question', () => {
    const lines = (l: PaperLayout) => l.pages.flatMap((p) => p.texts.map((t) => t.text));
    // primary_school_child (question 15): "Nein" hides afterschool_care_met and holiday_care_met → question 18
    expect(lines(de)).to.include('Wenn Nein: weiter mit Frage 18');
    expect(lines(en)).to.include('If No: go on with question 18');
    expect(lines(de)).to.include('Nur beantworten, wenn: Frage 1 mindestens 1');
    expect(lines(de).some((l) => l.startsWith('Wenn „Ja, aber erst später“ oder „Nein“: weiter mit Frage 15'))).to.equal(true);
  });

  it('prints every other question type: boolean, dropdown in columns, tagbox, none/other items, long scales, text, panels with conditions', () => {
    const many = Array.from({ length: 26 }, (_, i) => ({ value: i + 1, text: { default: `Stadtteil Nummer ${i + 1}`, en: `District number ${i + 1}` } }));
    const other = parseQuestionnaire({
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'boolean', name: 'has_garden', title: { default: 'Haben Sie einen Garten?', en: 'Do you have a garden?' } },
            {
              type: 'panel',
              name: 'garden_panel',
              visibleIf: '{has_garden} = true',
              elements: [{ type: 'radiogroup', name: 'garden_size', title: 'Größe', choices: [1, 2] }],
            },
            { type: 'dropdown', name: 'district', title: 'Stadtteil', choices: many },
            { type: 'tagbox', name: 'pets', title: 'Haustiere', choices: [{ value: 'cat', text: 'Katze' }, { value: 'dog', text: 'Hund' }] },
            { type: 'checkbox', name: 'sports', title: 'Sport', choices: [1, 2, 3], showNoneItem: true, showOtherItem: true },
            { type: 'rating', name: 'wide_scale', title: 'Skala', rateMin: 0, rateMax: 20 },
            { type: 'text', name: 'postcode', title: 'Postleitzahl' },
            { type: 'comment', name: 'remarks', title: 'Anmerkungen' },
          ],
        },
      ],
    });
    const layout = paperLayout(other, { questionnaire: 'other@1', lang: 'de', largePrint: true });
    const boxes = layout.pages.flatMap((p) => p.boxes);
    const of = (name: string) => boxes.filter((b) => b.question === name);
    expect(of('has_garden').map((b) => b.value)).to.deep.equal([true, false]);
    expect(of('district')).to.have.length(26);
    expect(new Set(of('district').map((b) => b.xMm)).size).to.equal(3);
    expect(of('pets').every((b) => b.multiple)).to.equal(true);
    expect(of('sports').map((b) => b.value)).to.deep.equal([1, 2, 3, 'none', 'other']);
    // A scale too wide for one row becomes a list with the values the answer validator accepts.
    const scale = questionCatalogue(other).find((q) => q.name === 'wide_scale')!.choices!.map((c) => c.value);
    expect(scale.length).to.be.greaterThan(13);
    expect(of('wide_scale').map((b) => b.value)).to.deep.equal(scale);
    expect(layout.pages.flatMap((p) => p.textAreas.map((a) => a.question))).to.deep.equal(['sports-Comment', 'postcode', 'remarks']);
    const lines = layout.pages.flatMap((p) => p.texts.map((t) => t.text));
    expect(lines).to.include('Wenn Nein: weiter mit Frage 3');
    expect(lines).to.include('Nur beantworten, wenn: Frage 1 „Ja“');
    for (const p of layout.pages) {
      const all = rects(p);
      for (const [i, a] of all.entries()) for (const b of all.slice(i + 1)) if (a.isBox || b.isBox) expect(gap(a.r, b.r), `${a.what} vs ${b.what}`).to.be.at.least(BOX_CLEARANCE_MM - 0.02);
    }
  });

  it('names the question whose text the standard fonts cannot print', () => {
    const cyrillic = parseQuestionnaire({ pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: 'lang_q', title: 'Sprache', choices: [{ value: 1, text: 'Русский' }] }] }] });
    expect(() => paperLayout(cyrillic, { questionnaire: 'x@1', lang: 'de', largePrint: false })).to.throw(/lang_q.*cannot be printed|cannot be printed.*lang_q/);
  });

  it('refuses an unknown language', () => {
    expect(() => paperLayout(json, { questionnaire: ref, lang: 'fr' as 'de', largePrint: false })).to.throw(RangeError, /fr/);
  });
});

describe('page identity: the QR payload of a printed page', () => {
  const identity = { questionnaireId: 'family-life-quality', version: 1, lang: 'de', largePrint: false, page: 2, pages: 10, layoutHash: de.layoutHash, formId: 'F7Q2M9XK4T' } as const;

  it('writes and reads back the fixed format', () => {
    const text = pagePayload(identity);
    expect(text).to.equal(`FBQ1;q=family-life-quality@1;lang=de;lp=0;p=2/10;h=${de.layoutHash};f=F7Q2M9XK4T`);
    expect(parsePagePayload(` ${text}\n`)).to.deep.equal(identity);
    expect(parsePagePayload(text.replace('lp=0', 'lp=1')).largePrint).to.equal(true);
  });

  it('refuses a damaged or foreign text with the text in the message, and parts that would break the format', () => {
    for (const bad of ['', 'https://example.org', `FBQ1;q=x@1;lang=fr;lp=0;p=1/2;h=${de.layoutHash};f=A`, `FBQ1;q=x@1;lang=de;lp=0;p=3/2;h=${de.layoutHash};f=A`, 'FBQ1;q=x@1;lang=de;lp=0;p=1/2;h=XYZ;f=A']) {
      expect(() => parsePagePayload(bad), bad).to.throw(/not the page identity/);
    }
    expect(() => pagePayload({ ...identity, formId: 'A;B' })).to.throw(RangeError, /form reference/);
    expect(() => pagePayload({ ...identity, page: 11 })).to.throw(RangeError, /page 11 of 10/);
  });

  it('leads back to the same layout page, and refuses a page printed with another layout', async () => {
    const found = await layoutForPage({ ...identity, page: 3 });
    expect(found.page).to.deep.equal(de.pages[2]);
    expect(found.questionnaire.source).to.equal('registry');
    await layoutForPage({ ...identity, layoutHash: '00000000' }).then(() => expect.fail('accepted'), (err: Error) => expect(err.message).to.match(/another layout/));
  });

  it('resolves id@version from the store first, then from the shipped registry; unknown versions are named', async () => {
    const stored = { questionnaireId: 'family-life-quality', version: 7, json: { pages: [] }, status: 'published' as const, publishedAt: null, importedAt: '', importedBy: null };
    const store = { questionnaireVersions: { get: async (id: string, v: number) => (id === 'family-life-quality' && v === 7 ? stored : null), list: async () => [stored] } } as never;
    expect((await resolveQuestionnaire('family-life-quality@7', store)).source).to.equal('store');
    expect((await resolveQuestionnaire('family-life-quality@1', store)).source).to.equal('registry');
    await resolveQuestionnaire('family-life-quality@9').then(() => expect.fail('accepted'), (err: Error) => expect(err.message).to.match(/no questionnaire family-life-quality@9.*family-life-quality@1/));
    await resolveQuestionnaire('family-life-quality@9', store).then(() => expect.fail('accepted'), (err: Error) => expect(err.message).to.match(/Available: family-life-quality@1, family-life-quality@7\./));
    await resolveQuestionnaire('family-life-quality').then(() => expect.fail('accepted'), (err: Error) => expect(err.message).to.match(/id@version/));
  });
});
