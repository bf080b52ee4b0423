import { expect } from 'chai';
import sharp from 'sharp';
import { createRng } from '../../../sampling/index';
import { renderSyntheticScan, type ScanDistortion } from './syntheticScans';

/** The bench separates marks a 1-bit scan erased from misreadings: that split must be exact. */
describe('renderSyntheticScan (test support for bench/scan.ts)', function () {
  this.timeout(20_000);
  const blank = { width: 400, height: 400, data: new Uint8Array(400 * 400).fill(255) };
  const flat: ScanDistortion = { rotateDeg: 0, scale: 1, shiftMm: [0, 0], blurSigma: 0, noise: 0, format: 'bilevel', jpegQuality: 80, quarters: 0 };
  const cross = (x: number, grey: number, box: number) => ({ points: [[x, 10], [x + 4, 14]] as [number, number][], widthMm: 0.5, grey, box });

  it('calls a faint mark traceless only when not one pixel of it is left on the 1-bit page', async () => {
    const strokes = [cross(5, 160, 0), cross(20, 130, 1), cross(35, 20, 2)];
    const quiet = await renderSyntheticScan(blank, 200, strokes, flat, createRng(1));
    // Grey 160 is lighter than the 1-bit threshold (150): gone. Grey 130 stays black; grey 20 is not faint.
    expect(quiet.traceless).to.deep.equal([0]);
    const { data } = await sharp(quiet.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    const blackIn = (x0Mm: number) => {
      let n = 0;
      const px = 200 / 25.4;
      for (let y = Math.floor(9 * px); y < 15 * px; y++) for (let x = Math.floor(x0Mm * px); x < (x0Mm + 5) * px; x++) if (data[y * 400 + x]! < 128) n++;
      return n;
    };
    expect([blackIn(4) === 0, blackIn(19) > 0, blackIn(34) > 0]).to.deep.equal([true, true, true]);
    // With scanner noise some pixels of the same light mark fall under the threshold: a trace is left.
    const noisy = await renderSyntheticScan(blank, 200, strokes, { ...flat, noise: 12 }, createRng(1));
    expect(noisy.traceless).to.deep.equal([]);
  });

  it('checks no mark on grey pages, where every mark changes pixels', async () => {
    const r = await renderSyntheticScan(blank, 200, [cross(5, 160, 0)], { ...flat, format: 'png' }, createRng(1));
    expect(r.traceless).to.deep.equal([]);
  });
});
