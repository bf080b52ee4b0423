import { expect } from 'chai';
import { formulaSafeCell } from './formulaSafeCell';

describe('formulaSafeCell', () => {
  it('prefixes cells starting with = + - @ TAB or CR and leaves others alone', () => {
    for (const bad of ['=1+1', '+49', '-2', '@A1', '\tfoo', '\rfoo', "=cmd|' /C calc'!A0"]) expect(formulaSafeCell(bad)).to.equal(`'${bad}`);
    for (const ok of ['Müller', '07545', ' =x', "'quoted", '']) expect(formulaSafeCell(ok)).to.equal(ok);
  });
});
