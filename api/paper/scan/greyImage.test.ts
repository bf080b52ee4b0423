import { expect } from 'chai';
import { inkLevels, isBlackAndWhite, rotateQuarter } from './greyImage';

describe('greyImage', () => {
  it('isBlackAndWhite: a page of pure black and white pixels is 1-bit, one grey pixel among the sampled ones makes it grey', () => {
    expect(isBlackAndWhite({ width: 2, height: 1, data: Uint8Array.of(0, 255) })).to.equal(true);
    const data = new Uint8Array(70).fill(255);
    data[0] = 0;
    expect(isBlackAndWhite({ width: 70, height: 1, data })).to.equal(true);
    data[14] = 128;
    expect(isBlackAndWhite({ width: 70, height: 1, data })).to.equal(false);
  });

  it('inkLevels: paper is the 90th percentile, ink the 0.3rd, the threshold 45 % of the way from paper to ink', () => {
    const data = new Uint8Array(7000).fill(240);
    for (let i = 0; i < 700; i += 7) data[i] = 20;
    const levels = inkLevels({ width: 7000, height: 1, data });
    expect(levels).to.deep.equal({ paper: 240, ink: 20, threshold: 240 - 0.45 * 220 });
  });

  it('rotateQuarter: four quarter turns give the page back', () => {
    const image = { width: 3, height: 2, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    const once = rotateQuarter(image, 1);
    expect([once.width, once.height, [...once.data]]).to.deep.equal([2, 3, [4, 1, 5, 2, 6, 3]]);
    const back = rotateQuarter(rotateQuarter(once, 2), 1);
    expect([back.width, back.height, [...back.data]]).to.deep.equal([3, 2, [1, 2, 3, 4, 5, 6]]);
  });
});
