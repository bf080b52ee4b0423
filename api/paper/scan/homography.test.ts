import { expect } from 'chai';
import { affineResidual, applyHomography, fitHomography, type Point } from './homography';

describe('fitHomography', () => {
  it('recovers a scale and shift exactly from four corners', () => {
    const from: Point[] = [[0, 0], [1, 0], [0, 1], [1, 1]];
    const h = fitHomography(from, [[10, 10], [12, 10], [10, 12], [12, 12]]);
    const [u, v] = applyHomography(h, 0.5, 0.25);
    expect(u).to.be.closeTo(11, 1e-9);
    expect(v).to.be.closeTo(10.5, 1e-9);
  });

  it('maps the fiducials of an A4 page turned by 3° at 200 dpi to within a thousandth of a pixel', () => {
    const mm: Point[] = [[12, 12], [198, 12], [12, 285], [198, 285]];
    const s = 200 / 25.4;
    const a = (3 * Math.PI) / 180;
    const turn = ([x, y]: Point): Point => [s * (Math.cos(a) * x - Math.sin(a) * y) + 40, s * (Math.sin(a) * x + Math.cos(a) * y) - 12];
    const h = fitHomography(mm, mm.map(turn));
    for (const p of [[105, 148.5], [30, 250]] as Point[]) {
      const [u, v] = applyHomography(h, p[0], p[1]);
      const [eu, ev] = turn(p);
      expect(Math.hypot(u - eu, v - ev)).to.be.below(1e-3);
    }
    expect(affineResidual(mm, mm.map(turn))).to.be.below(1e-6);
  });

  it('shows a fiducial found in the wrong place as a large affine residual', () => {
    const mm: Point[] = [[12, 12], [198, 12], [12, 285], [198, 285]];
    const moved: Point[] = [[12, 12], [198, 12], [12, 285], [190, 280]];
    expect(affineResidual(mm, moved)).to.be.above(2);
  });

  it('refuses three points, or four on one line', () => {
    expect(() => fitHomography([[0, 0], [1, 0], [0, 1]], [[0, 0], [1, 0], [0, 1]])).to.throw(RangeError, /four point pairs/);
    expect(() => fitHomography([[0, 0], [1, 0], [2, 0], [3, 0]], [[0, 0], [1, 0], [2, 0], [3, 0]])).to.throw(RangeError, /one line/);
  });
});
