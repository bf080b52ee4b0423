import { expect } from 'chai';
import {
  choroplethMap,
  classBreaks,
  classFills,
  classIndex,
  detectCrs,
  HATCH_PATTERN_ID,
  mapPatternDefs,
  matchAreaNames,
  normaliseAreaGeometry,
  projectAreas,
  reprojectToWgs84,
  SUPPRESSED_FILL,
  SUPPRESSED_PATTERN_ID,
  type AreaFeatureCollectionLike,
} from './index';

const square = (name: string, lon: number, lat: number, size = 0.01) => ({
  type: 'Feature' as const,
  properties: { district: name },
  geometry: { type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] },
});
const grid: AreaFeatureCollectionLike = {
  type: 'FeatureCollection',
  features: [square('A', 12.0, 50.9), square('B', 12.01, 50.9), square('C', 12.0, 50.89), square('D', 12.01, 50.89)],
};

describe('maps: class limits', () => {
  it('equal, quantile (R type 7) and jenks limits', () => {
    expect(classBreaks([1, 2, 3, 4, 5], 'equal', 2)).to.deep.equal([1, 3, 5]);
    // R: quantile(c(1,2,3,4,10), c(0, .5, 1)) → 1 3 10
    expect(classBreaks([10, 1, 2, 3, 4], 'quantile', 2)).to.deep.equal([1, 3, 10]);
    // Two clear groups: jenks puts the limit at the start of the upper group.
    expect(classBreaks([1, 2, 3, 20, 21, 22], 'jenks', 2)).to.deep.equal([1, 20, 22]);
    expect(classBreaks([0.2, null, 0.2], 'quantile', 5)).to.deep.equal([0.2, 0.2]);
    expect(classBreaks([null], 'equal', 3)).to.deep.equal([]);
    expect(classBreaks([1, 2], 'equal', 5)).to.deep.equal([1, 1.5, 2]);
    expect(() => classBreaks([1], 'equal', 0)).to.throw(RangeError, 'whole number');
  });

  it('assigns classes with the upper limit in the last class and nothing for missing values', () => {
    expect([0.1, 0.29, 0.3, 0.5, 0.7].map((v) => classIndex(v, [0.1, 0.3, 0.5]))).to.deep.equal([0, 0, 1, 1, 1]);
    expect(classIndex(null, [0, 1])).to.equal(null);
    expect(classIndex(0.5, [0.5])).to.equal(null);
  });

  it('spreads the fills light to dark for any number of classes', () => {
    expect(classFills(3).map((f) => f.fill)).to.deep.equal(['#fde725', '#21918c', '#440154']);
    expect(classFills(5)).to.have.length(5);
    // Relative luminance strictly falls from class to class: the classes stay apart in greyscale.
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const l = classFills(5).map((f) => lum(f.fill));
    for (let j = 1; j < l.length; j++) expect(l[j]).to.be.lessThan(l[j - 1]! - 0.05);
    expect(lum(SUPPRESSED_FILL)).to.be.greaterThan(l[1]!);
    expect(mapPatternDefs()).to.contain(`<pattern id="${HATCH_PATTERN_ID}"`).and.contain(`<pattern id="${SUPPRESSED_PATTERN_ID}"`);
  });
});

describe('maps: projection and choropleth', () => {
  it('projects with north up into the box, whatever the rings\' winding', () => {
    const reversed = { ...grid, features: grid.features.map((f) => ({ ...f, geometry: { type: 'Polygon' as const, coordinates: [[...(f.geometry.coordinates as number[][][])[0]!].reverse()] } })) };
    for (const fc of [grid, reversed]) {
      const areas = projectAreas(fc, 200, 200, 10);
      expect(areas.map((a) => a.area)).to.deep.equal(['A', 'B', 'C', 'D']);
      const c = Object.fromEntries(areas.map((a) => [a.area, a.centroid]));
      expect(c.A![1]).to.be.lessThan(c.C![1]!); // A is north of C: smaller y
      expect(c.A![0]).to.be.lessThan(c.B![0]!);
      for (const a of areas) {
        expect(a.path).to.match(/^M[\d.,L]+Z$/);
        for (const n of a.path.match(/[\d.]+/g)!.map(Number)) expect(n).to.be.within(0, 200);
      }
    }
    expect(() => projectAreas({ type: 'FeatureCollection', features: [] }, 100, 100)).to.throw(RangeError, 'no area');
  });

  it('classes shown values, hatches unreliable ones, greys suppressed ones and lists what does not match', () => {
    const map = choroplethMap(
      grid,
      [
        { area: 'A', value: 0.1, flag: 'ok', ciLow: 0.05, ciHigh: 0.15 },
        { area: 'B', value: 0.4, flag: 'caution' },
        { area: 'C', value: null, flag: 'suppressed' },
        { area: 'X', value: 0.2, flag: 'ok' },
      ],
      { classes: 2, method: 'equal', width: 300, height: 200 },
    );
    expect(map.breaks).to.deep.equal([0.1, 0.25, 0.4]);
    const by = Object.fromEntries(map.areas.map((a) => [a.area, a]));
    expect(by.A).to.deep.include({ classIndex: 0, fill: '#fde725', pattern: null, ciLow: 0.05, flag: 'ok' });
    expect(by.B).to.deep.include({ classIndex: 1, fill: '#440154', text: '#ffffff', pattern: `url(#${HATCH_PATTERN_ID})`, flag: 'caution' });
    expect(by.C).to.deep.include({ classIndex: null, fill: SUPPRESSED_FILL, pattern: `url(#${SUPPRESSED_PATTERN_ID})`, value: null, flag: 'suppressed' });
    expect(by.D).to.deep.include({ flag: 'missing', classIndex: null });
    expect(map.legend.map((l) => l.kind)).to.deep.equal(['class', 'class', 'unreliable', 'suppressed', 'missing']);
    expect(map.legend[1]).to.deep.include({ from: 0.25, to: 0.4 });
    expect(map.unmatched).to.deep.equal({ withoutGeometry: ['X'], withoutValue: ['D'] });
    expect(map.outline).to.deep.equal([]);
  });

  it('draws an outline (districts over sub-districts) in the same projection as the areas', () => {
    const whole: AreaFeatureCollectionLike = { type: 'FeatureCollection', features: [square('AB', 12.0, 50.9, 0.02)] };
    const halves: AreaFeatureCollectionLike = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { district: 'A' }, geometry: { type: 'Polygon', coordinates: [[[12.0, 50.9], [12.01, 50.9], [12.01, 50.92], [12.0, 50.92], [12.0, 50.9]]] } },
        { type: 'Feature', properties: { district: 'B' }, geometry: { type: 'Polygon', coordinates: [[[12.01, 50.9], [12.02, 50.9], [12.02, 50.92], [12.01, 50.92], [12.01, 50.9]]] } },
      ],
    };
    const map = choroplethMap(halves, [], { outline: whole, width: 200, height: 200, padding: 0 });
    expect(map.outline.map((o) => o.area)).to.deep.equal(['AB']);
    const numbers = (path: string) => path.match(/[\d.]+/g)!.map(Number);
    const xs = (path: string) => numbers(path).filter((_, i) => i % 2 === 0);
    // The outline spans exactly the two halves: its left edge is A's, its right edge B's.
    expect(Math.min(...xs(map.outline[0]!.path))).to.equal(Math.min(...xs(map.areas[0]!.path)));
    expect(Math.max(...xs(map.outline[0]!.path))).to.equal(Math.max(...xs(map.areas[1]!.path)));
  });
});

describe('maps: importing area geometry', () => {
  it('reprojects ETRS89 / UTM 32N to WGS 84 as PROJ cs2cs does (to 1e-6°)', () => {
    const utm = { type: 'FeatureCollection' as const, features: [{ ...square('A', 0, 0), geometry: { type: 'Polygon' as const, coordinates: [[[717000, 5641000], [707000, 5640000], [717000, 5640000], [717000, 5641000]]] } }] };
    expect(detectCrs(utm)).to.equal('EPSG:25832');
    expect(detectCrs({ ...utm, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } } as never)).to.equal('EPSG:25832');
    expect(detectCrs({ ...grid, crs: { properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } } as never)).to.equal('EPSG:4326');
    expect(detectCrs({ ...grid, crs: { properties: { name: 'EPSG:31468' } } } as never)).to.equal(null);
    expect(detectCrs(grid)).to.equal('EPSG:4326');
    const ring = (reprojectToWgs84(utm, 'EPSG:25832').features[0]!.geometry.coordinates as number[][][])[0]!;
    // echo "717000 5641000" | cs2cs EPSG:25832 EPSG:4326 → 50.87986775 12.08485177; "707000 5640000" → 50.87455526 11.94233179
    expect(ring[0]![0]).to.be.closeTo(12.08485177, 1e-6);
    expect(ring[0]![1]).to.be.closeTo(50.87986775, 1e-6);
    expect(ring[1]![0]).to.be.closeTo(11.94233179, 1e-6);
    expect(ring[1]![1]).to.be.closeTo(50.87455526, 1e-6);
    expect(reprojectToWgs84(grid, 'EPSG:4326')).to.equal(grid);
  });

  it('closes open rings, winds them as RFC 7946 and lists every broken feature', () => {
    const open = { type: 'Feature', properties: { name: 'Offen' }, geometry: { type: 'Polygon', coordinates: [[[12, 50], [12, 50.1], [12.1, 50.1], [12.1, 50]]] } };
    const line = { type: 'Feature', properties: { name: 'Linie' }, geometry: { type: 'LineString', coordinates: [[12, 50], [12, 51]] } };
    const flat = { type: 'Feature', properties: { name: 'Flach' }, geometry: { type: 'Polygon', coordinates: [[[12, 50], [12.1, 50], [12, 50]]] } };
    const nameless = { type: 'Feature', properties: { name: ' ' }, geometry: square('x', 12, 50).geometry };
    const metres = { type: 'Feature', properties: { name: 'Meter' }, geometry: { type: 'Polygon', coordinates: [[[717000, 5641000], [707000, 5640000], [717000, 5640000], [717000, 5641000]]] } };
    const result = normaliseAreaGeometry({ type: 'FeatureCollection', features: [open, line, flat, nameless, metres] }, 'name');
    expect(result.closedRings).to.equal(1);
    expect(result.rewoundRings).to.equal(1); // the open ring ran clockwise
    const ring = (result.collection.features[0]!.geometry.coordinates as number[][][])[0]!;
    expect(ring).to.have.length(5);
    expect(ring[0]).to.deep.equal(ring[4]);
    expect(result.collection.features[0]!.properties).to.deep.equal({ district: 'Offen' });
    expect(result.problems.map(({ feature, name, problem }) => ({ feature, name, problem }))).to.deep.equal([
      { feature: 2, name: 'Linie', problem: 'has geometry type LineString, not Polygon or MultiPolygon' },
      { feature: 3, name: 'Flach', problem: 'ring 1 has only 2 distinct positions' },
      { feature: 4, name: null, problem: "has no name in the property 'name'" },
      { feature: 5, name: 'Meter', problem: 'ring 1 has the position (717000, 5641000) outside longitude/latitude; is the file in another coordinate system?' },
    ]);
    expect(result.problems.map((p) => p.code)).to.deep.equal(['geometryType', 'tooFewPositions', 'noName', 'outOfRange']);
    expect(result.problems[1]!.params).to.deep.equal({ polygon: 1, ring: 1, distinct: 2 });
    expect(normaliseAreaGeometry({ type: 'Feature' }, 'name').problems[0]!.problem).to.equal('the file is no GeoJSON FeatureCollection');
  });

  it('matches names in both directions, ignoring case and spacing but nothing else', () => {
    const m = matchAreaNames([' gera-süd', 'Stadtmitte', 'Nordstadt', 'stadtmitte'], ['Stadtmitte', 'Gera-Süd', 'Debschwitz']);
    expect([...m.matched]).to.deep.equal([[' gera-süd', 'Gera-Süd'], ['Stadtmitte', 'Stadtmitte'], ['stadtmitte', 'Stadtmitte']]);
    expect(m.notInFrame).to.deep.equal(['Nordstadt']);
    expect(m.missingInFile).to.deep.equal(['Debschwitz']);
    expect(m.duplicates).to.deep.equal(['Stadtmitte']);
  });
});
