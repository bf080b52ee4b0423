import { expect } from 'chai';
import { frameCovariates, householdTypeCovariate, type FrameCovariateHousehold } from './frameCovariates';

const h = (district: string, subdistrict: string | null, householdType: string | null, children: number | null, youngestChildAge: number | null): FrameCovariateHousehold => ({
  district,
  subdistrict,
  householdType,
  children,
  youngestChildAge,
});

describe('frameCovariates', () => {
  const frame = [
    h('Ost', 'Ost 1', 'couple', 1, 2),
    h('Ost', 'Ost 1', 'single_parent', 3, 8),
    h('Ost', 'Ost 2', 'couple', 2, 5),
    h('Ost', 'Ost 2', 'other', 4, 12),
    h('Nord', 'Nord-A', 'single_parent', 1, 0),
  ];

  it('computes type shares, mean children, large families and youngest under 6 per district and sub-district', () => {
    const { areas, names } = frameCovariates(frame);
    expect(areas.map((a) => `${a.level}:${a.area}:${a.district}:${a.households}`)).to.deep.equal([
      'district:Nord:Nord:1',
      'district:Ost:Ost:4',
      'subdistrict:Nord-A:Nord:1',
      'subdistrict:Ost 1:Ost:2',
      'subdistrict:Ost 2:Ost:2',
    ]);
    const expected = ['share_couple', 'share_other', 'share_single_parent', 'mean_children', 'share_large_families', 'share_youngest_under_6'];
    expect(names).to.deep.equal({ district: expected, subdistrict: expected });
    expect(areas[1]!.covariates).to.deep.equal({ share_couple: 0.5, share_other: 0.25, share_single_parent: 0.25, mean_children: 2.5, share_large_families: 0.5, share_youngest_under_6: 0.5 });
    expect(areas[3]!.covariates).to.deep.equal({ share_couple: 0.5, share_other: 0, share_single_parent: 0.5, mean_children: 2, share_large_families: 0.5, share_youngest_under_6: 0.5 });
    for (const level of ['district', 'subdistrict'] as const) {
      for (const a of areas.filter((x) => x.level === level)) expect(a.covariates.share_couple! + a.covariates.share_other! + a.covariates.share_single_parent!).to.be.closeTo(1, 1e-15);
    }
  });

  it('has only the district level for a frame without sub-districts', () => {
    const { areas, names } = frameCovariates(frame.map((x) => ({ ...x, subdistrict: null })));
    expect(areas.every((a) => a.level === 'district')).to.equal(true);
    expect(names.subdistrict).to.deep.equal([]);
  });

  it('leaves out what the frame does not have for every area: no type shares with a missing type, no child figures without the columns', () => {
    const partial = [h('Ost', null, 'couple', null, 3), h('Ost', null, null, null, 4), h('Nord', null, 'couple', 2, null)];
    const { areas, names } = frameCovariates(partial);
    // The age is known in Ost but in no Nord household, the children nowhere in Ost; a type is missing.
    expect(names.district).to.deep.equal([]);
    expect(areas.map((a) => a.covariates)).to.deep.equal([{}, {}]);
    const ages = frameCovariates([h('Ost', null, null, null, 3), h('Nord', null, null, 1, 7)]);
    expect(ages.names.district).to.deep.equal(['share_youngest_under_6']);
    expect(ages.areas.map((a) => a.covariates.share_youngest_under_6)).to.deep.equal([0, 1]);
  });

  it('names type shares in lower case with other characters as _, and keeps two types apart that would share a name', () => {
    expect(householdTypeCovariate('Alleinerziehend')).to.equal('share_alleinerziehend');
    expect(householdTypeCovariate(' Paar mit Kindern ')).to.equal('share_paar_mit_kindern');
    const { names } = frameCovariates([h('Ost', null, 'Paar', 1, 1), h('Ost', null, 'paar', 1, 1)]);
    expect(names.district.slice(0, 2)).to.deep.equal(['share_paar', 'share_paar_2']);
    expect(frameCovariates([h('Ost', null, 'Paar', 1, 1), h('Ost', null, 'paar', 1, 1)]).householdTypes).to.deep.equal({ share_paar: 'Paar', share_paar_2: 'paar' });
  });

  it('answers nothing for an empty frame', () => {
    expect(frameCovariates([])).to.deep.equal({ areas: [], names: { district: [], subdistrict: [] }, householdTypes: {} });
  });
});
