import { expect } from 'chai';
import { questionCatalogue } from '../questionnaire/questionCatalogue';
import { loadQuestionnaire } from '../questionnaire/registry';
import { pagePayload } from './pageIdentity';
import { paperFormsPdf } from './paperFormPdf';
import { PAPER_GEOMETRY, paperLayout } from './paperLayout';
import { darkestNearMm, decodeQrCodes, greyAtMm, pdfPageCount, pdfText, renderPdfPage } from './testing/renderedPdf';

const json = loadQuestionnaire(1);
const ref = 'family-life-quality@1';
const de = paperLayout(json, { questionnaire: ref, lang: 'de', largePrint: false });
const en = paperLayout(json, { questionnaire: ref, lang: 'en', largePrint: false });
const squash = (s: string) => s.replace(/\s+/g, '');

describe('paperFormsPdf: the questionnaire drawn from its layout', function () {
  this.timeout(20_000);
  let pdf: Buffer;
  before(async () => {
    pdf = await paperFormsPdf(de, ['K7M2Q9XT4B8R']);
  });

  it('shows every question title in German, and in English for an English layout', async () => {
    const text = squash(pdfText(pdf));
    for (const q of questionCatalogue(json)) expect(text, q.name).to.contain(squash(q.title.de));
    expect(text).to.contain(squash('Wenn Nein: weiter mit Frage 18'));
    const english = squash(pdfText(await paperFormsPdf(en, ['K7M2Q9XT4B8R'])));
    for (const q of questionCatalogue(json)) expect(english, q.name).to.contain(squash(q.title.en));
  });

  it('has as many pages as the layout, the same every time, and one set per form in the order given', async () => {
    expect(pdfPageCount(pdf)).to.equal(de.pages.length);
    expect(pdfPageCount(await paperFormsPdf(de, ['K7M2Q9XT4B8R']))).to.equal(de.pages.length);
    const progress: string[] = [];
    const merged = await paperFormsPdf(de, ['FORM-A', 'FORM-B', 'FORM-C'], { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect(pdfPageCount(merged)).to.equal(3 * de.pages.length);
    expect(progress).to.deep.equal(['1/3', '2/3', '3/3']);
    const lines = pdfText(merged).split('\n').filter((l) => l.startsWith('FBQ1;'));
    expect(lines.map((l) => /f=([A-Z-]+)/.exec(l)?.[1])).to.deep.equal(['A', 'B', 'C'].flatMap((f) => de.pages.map(() => `FORM-${f}`)));
  });

  it('carries on every page a QR code that decodes to the page payload, and the same text as a readable line', async () => {
    const text = pdfText(pdf);
    for (const page of [1, 2, de.pages.length]) {
      const payload = pagePayload({ questionnaireId: 'family-life-quality', version: 1, lang: 'de', largePrint: false, page, pages: de.pages.length, layoutHash: de.layoutHash, formId: 'K7M2Q9XT4B8R' });
      expect(await decodeQrCodes(renderPdfPage(pdf, page, 150)), `page ${page}`).to.deep.equal([payload]);
      expect(text).to.contain(payload);
    }
  });

  it('draws the boxes, digit boxes and fiducials where the layout says (pdftoppm at 100 dpi)', () => {
    for (const n of [1, 2, 5]) {
      const image = renderPdfPage(pdf, n, 100);
      const page = de.pages[n - 1]!;
      for (const b of [...page.boxes, ...page.digitBoxes]) {
        const where = `${b.question} on page ${n}`;
        // The middle of each edge is dark, the inside of the box is paper.
        expect(darkestNearMm(image, b.xMm + b.wMm / 2, b.yMm), `${where} top`).to.be.below(128);
        expect(darkestNearMm(image, b.xMm + b.wMm / 2, b.yMm + b.hMm), `${where} bottom`).to.be.below(128);
        expect(darkestNearMm(image, b.xMm, b.yMm + b.hMm / 2), `${where} left`).to.be.below(128);
        expect(darkestNearMm(image, b.xMm + b.wMm, b.yMm + b.hMm / 2), `${where} right`).to.be.below(128);
        expect(greyAtMm(image, b.xMm + b.wMm / 2, b.yMm + b.hMm / 2), `${where} inside`).to.be.above(200);
        // Nothing is drawn in the 2 mm ring just outside a choice box's left edge.
        expect(greyAtMm(image, b.xMm - 2, b.yMm + b.hMm / 2), `${where} outside`).to.be.above(200);
      }
      for (const f of PAPER_GEOMETRY.fiducials) expect(greyAtMm(image, f.xMm, f.yMm), `fiducial ${f.xMm},${f.yMm}`).to.be.below(60);
    }
  });
});
