import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadQuestionnaire } from '../../questionnaire/registry';
import { paperFormsPdf } from '../paperFormPdf';
import { paperLayout } from '../paperLayout';
import { rotateQuarter, type GreyImage } from './greyImage';
import { renderPdf } from './loadScanPages';
import { readPage } from './readPage';
import { createLayoutLookup } from './scanLayouts';

describe('readPage', function () {
  this.timeout(30_000);
  const layout = paperLayout(loadQuestionnaire(1), { questionnaire: 'family-life-quality@1', lang: 'de', largePrint: false });
  const lookup = createLayoutLookup();
  const dpi = 150;
  const px = dpi / 25.4;
  let page: GreyImage;

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-page-'));
    writeFileSync(join(dir, 'form.pdf'), await paperFormsPdf(layout, ['RP-1']));
    page = (await renderPdf(join(dir, 'form.pdf'), dpi, 2, 2))[0]!;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A copy with a rectangle (mm) painted in a grey level. */
  const paint = (image: GreyImage, xMm: number, yMm: number, wMm: number, hMm: number, grey: number): GreyImage => {
    const data = image.data.slice();
    for (let y = Math.round(yMm * px); y < Math.round((yMm + hMm) * px); y++) for (let x = Math.round(xMm * px); x < Math.round((xMm + wMm) * px); x++) data[y * image.width + x] = grey;
    return { ...image, data };
  };

  it('identifies a blank page, finds every box where the layout puts it and reads no answer', async () => {
    const r = await readPage(page, lookup);
    expect(r.kind).to.equal('read');
    if (r.kind !== 'read') return;
    expect(r.identity).to.deep.include({ formId: 'RP-1', page: 2, pages: layout.pages.length });
    expect(r.residualMm).to.be.below(0.3);
    expect(r.boxes).to.have.length(layout.pages[1]!.boxes.length);
    expect(r.boxes.every((b) => b.state === 'empty' && b.measurement.border > 0.8)).to.equal(true);
    expect(r.answers).to.deep.equal([]);
  });

  it('flags a page scanned in black and white, and sends a box with a single pixel of a light pen left to review there, while on a grey page that pixel is dust', async () => {
    const grey = await readPage(page, lookup);
    expect(grey.kind === 'read' && grey.blackAndWhite).to.equal(false);
    const box = layout.pages[1]!.boxes[0]!;
    // What a 1-bit scanner may leave of a light cross: one black pixel, a fraction of a percent of the box.
    const remnant = paint(page, box.xMm + box.wMm / 2, box.yMm + box.hMm / 2, 1 / px, 1 / px, 0);
    const oneBit: GreyImage = { ...remnant, data: remnant.data.map((v) => (v < 150 ? 0 : 255)) };
    const stateOf = (r: Awaited<ReturnType<typeof readPage>>) => {
      if (r.kind !== 'read') throw new Error(`page not read: ${r.kind}`);
      const read = r.boxes.find((b) => b.question === box.question && String(b.value) === String(box.value))!;
      return { blackAndWhite: r.blackAndWhite, ink: read.measurement.inside > 0 && read.measurement.inside < 0.005, state: read.state, status: r.answers.filter((a) => a.question === box.question).map((a) => a.status) };
    };
    expect(stateOf(await readPage(oneBit, lookup))).to.deep.equal({ blackAndWhite: true, ink: true, state: 'uncertain', status: ['review'] });
    expect(stateOf(await readPage(remnant, lookup))).to.deep.equal({ blackAndWhite: false, ink: true, state: 'empty', status: [] });
  });

  it('reads a filled-in box the same on a sheet fed upside down or sideways', async () => {
    const box = layout.pages[1]!.boxes[0]!;
    // A solid dot in the middle of the first box: about a third of its inside.
    const marked = paint(page, box.xMm + 1.5, box.yMm + 1.5, 2, 2, 30);
    for (const turned of [marked, rotateQuarter(marked, 1), rotateQuarter(marked, 2), rotateQuarter(marked, 3)]) {
      const r = await readPage(turned, lookup);
      expect(r.kind).to.equal('read');
      if (r.kind === 'read') expect(r.answers).to.deep.equal([{ question: box.question, value: String(box.value), status: 'auto', reason: '' }]);
    }
  });

  it('refuses a page whose fiducials do not fit a flat sheet, and one with a fiducial missing, rather than guess', async () => {
    // The top-right fiducial moved 4 mm down: no affine map of a flat sheet fits all four.
    const moved = paint(paint(page, 195, 9, 6, 6, 255), 195, 13, 6, 6, 0);
    const r = await readPage(moved, lookup);
    expect(r.kind).to.equal('refused');
    if (r.kind === 'refused') expect(r.reason).to.match(/registration residual \d+\.\d+ mm exceeds 0\.5 mm/);
    const gone = await readPage(paint(page, 195, 9, 6, 6, 255), lookup);
    expect(gone.kind).to.equal('refused');
    if (gone.kind === 'refused') expect(gone.reason).to.equal('fiducial not found: top-right');
  });

  it('calls a page without the QR code of a printed form unidentified', async () => {
    const r = await readPage(paint(page, 90, 2, 30, 30, 255), lookup);
    expect(r).to.deep.equal({ kind: 'unidentified', reason: 'no QR code of a printed form found' });
  });
});
