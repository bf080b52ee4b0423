import { expect } from 'chai';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { generateFrame, frameToCsv } from '../../fixtures/syntheticFrame';
import { createRng, groupUnitsByStratum, stratifiedSrswor, stratifiedSrsworOfUnits, stratifiedSystematic, stratifiedSystematicOfUnits } from '../../sampling/index';
import { bytesSource, type ByteSource } from './byteSource';
import { countByte, countByteInWords } from './countByte';
import { extractFrameColumns, type FrameCsv, type FrameCsvColumns } from './frameCsv';

const bytes = (text: string) => new TextEncoder().encode(text);
/** Read-buffer sizes: the default, and tiny ones so that fields, quotes, line ends and characters cross block ends. */
const BLOCK_SIZES = [undefined, 1, 2, 7, 64];
const DISTRICT = { id: 'id', stratum: 'district' };
const extract = (text: string, columns: FrameCsvColumns = DISTRICT, blockSize?: number) => extractFrameColumns(bytes(text), columns, { blockSize });
const allRows = (frame: FrameCsv) => Array.from({ length: frame.size }, (_, i) => frame.row(i));
const allIds = (frame: FrameCsv) => Array.from({ length: frame.size }, (_, i) => frame.id(i));
const strataOf = (frame: FrameCsv) => Array.from(frame.stratumOfRow, (code) => frame.strata[code]);

/** What readCsvFile (csv-parse with bom, trim, skip_empty_lines) gives for the same text. */
function csvParseRows(text: string, delimiter: ';' | ','): string[][] {
  return parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true }) as string[][];
}

/** A source that hands out at most `chunk` bytes per read, as a slow pipe or network file system may. */
function shortReads(content: Uint8Array, chunk: number): ByteSource {
  const inner = bytesSource(content);
  return { size: inner.size, withReader: (use) => inner.withReader((readAt) => use((target, position) => readAt(target.subarray(0, chunk), position))) };
}

describe('extractFrameColumns', () => {
  it('reads ids, strata codes and full rows of a plain frame', () => {
    for (const blockSize of BLOCK_SIZES) {
      const frame = extract('id,district,street\nA1,Ost,Hauptstraße\nA2,West,Ringweg\nA3,Ost,Am Markt\n', DISTRICT, blockSize);
      expect(frame.columns).to.deep.equal(['id', 'district', 'street']);
      expect(frame.delimiter).to.equal(',');
      expect(frame.size).to.equal(3);
      expect(allIds(frame)).to.deep.equal(['A1', 'A2', 'A3']);
      expect(strataOf(frame)).to.deep.equal(['Ost', 'West', 'Ost']);
      expect(frame.idsAscending).to.equal(true);
      expect(frame.row(2)).to.deep.equal(['A3', 'Ost', 'Am Markt']);
      expect(frame.compareIds(0, 1)).to.be.below(0);
    }
  });

  it('handles BOM, ";", CRLF, blank lines, an empty trailing line and whitespace around fields', () => {
    for (const blockSize of BLOCK_SIZES) {
      const frame = extract('\uFEFFid ; district;note\r\n\r\n B2 ;Gera-Süd; x \r\n   \r\nA1;Gera-Süd;y\r\n\r\n', DISTRICT, blockSize);
      expect(frame.delimiter).to.equal(';');
      expect(frame.encoding).to.equal('utf-8');
      expect(frame.columns).to.deep.equal(['id', 'district', 'note']);
      expect(allRows(frame)).to.deep.equal([
        ['B2', 'Gera-Süd', 'x'],
        ['A1', 'Gera-Süd', 'y'],
      ]);
      expect(frame.strata).to.deep.equal(['Gera-Süd']);
      expect(frame.idsAscending).to.equal(false);
      expect(allIds(frame)).to.deep.equal(['B2', 'A1']);
      expect(frame.compareIds(0, 1)).to.be.above(0);
    }
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, also in the id and stratum', () => {
    const text = 'id,district,street\n"H,1","Lusan ""Brüte""","Weg 1\nHinterhaus"\n"H2",Ost,"a;b"\nH3,"Lusan ""Brüte""",x\n';
    for (const blockSize of BLOCK_SIZES) {
      const frame = extract(text, DISTRICT, blockSize);
      expect(allRows(frame)).to.deep.equal([
        ['H,1', 'Lusan "Brüte"', 'Weg 1\nHinterhaus'],
        ['H2', 'Ost', 'a;b'],
        ['H3', 'Lusan "Brüte"', 'x'],
      ]);
      expect(allIds(frame)).to.deep.equal(['H,1', 'H2', 'H3']);
      expect(strataOf(frame)).to.deep.equal(['Lusan "Brüte"', 'Ost', 'Lusan "Brüte"']);
      expect(frame.idsAscending).to.equal(true);
    }
  });

  it('skips a BOM before a quoted header with any read buffer', () => {
    for (const blockSize of BLOCK_SIZES) {
      const frame = extract('\uFEFF"id";"district"\n"A";"Süd"\n', DISTRICT, blockSize);
      expect(frame.columns).to.deep.equal(['id', 'district']);
      expect(allRows(frame)).to.deep.equal([['A', 'Süd']]);
    }
  });

  it('reads old Mac line ends (CR only) and a last row without a line end', () => {
    for (const blockSize of BLOCK_SIZES) {
      expect(allRows(extract('id,district\rB,X\rA,Y\r', DISTRICT, blockSize))).to.deep.equal([
        ['B', 'X'],
        ['A', 'Y'],
      ]);
      expect(allRows(extract('id,district\nA,X\nB,"Y"', DISTRICT, blockSize))).to.deep.equal([
        ['A', 'X'],
        ['B', 'Y'],
      ]);
    }
  });

  it('reads a Windows-1252 file (not valid UTF-8) as Windows-1252, wherever the first such byte is', () => {
    const ansi = (text: string) => Uint8Array.from(text, (c) => (c === 'ü' ? 0xfc : c === 'ß' ? 0xdf : c === 'ä' ? 0xe4 : c.charCodeAt(0)));
    const head = 'id;district;street\n';
    const filler = Array.from({ length: 40 }, (_, k) => `A${String(k).padStart(2, '0')};Debschwitz;Weg ${k}\n`).join('');
    for (const text of [head + 'B1;Gera-Süd;Bahnhofstraße\n' + filler.replaceAll('A', 'C'), head + filler + 'B1;Gera-Süd;Bahnhofstraße\n']) {
      for (const blockSize of BLOCK_SIZES) {
        const frame = extractFrameColumns(ansi(text), DISTRICT, { blockSize });
        expect(frame.encoding).to.equal('windows-1252');
        expect(frame.strata).to.include('Gera-Süd');
        const row = allRows(frame).find((r) => r[0] === 'B1');
        expect(row).to.deep.equal(['B1', 'Gera-Süd', 'Bahnhofstraße']);
      }
    }
    // UTF-8 whose multi-byte characters are split by every small block size stays UTF-8.
    for (const blockSize of BLOCK_SIZES) {
      const frame = extract('id,district\nA,Zwötzen\nB,Gera-Süd\nC,Tinz ä€😀\n', DISTRICT, blockSize);
      expect(frame.encoding).to.equal('utf-8');
      expect(frame.strata).to.deep.equal(['Zwötzen', 'Gera-Süd', 'Tinz ä€😀']);
    }
  });

  it('reads Windows-1252 punctuation (€ „ “ –) and judges the header in the encoding of the whole file', () => {
    // ß€ (DF 80) is valid UTF-8 (U+07C0); the ü further on (FC) is not, so the file is Windows-1252 throughout.
    const bytes = iconv.encode('id;ß€;note\nA;„Süd“;5 € – 6 €\nB;Nord;ü\n', 'win1252');
    for (const blockSize of BLOCK_SIZES) {
      const frame = extractFrameColumns(bytes, { id: 'id', stratum: 'ß€' }, { blockSize });
      expect(frame.encoding).to.equal('windows-1252');
      expect(frame.columns).to.deep.equal(['id', 'ß€', 'note']);
      expect(allRows(frame)).to.deep.equal([
        ['A', '„Süd“', '5 € – 6 €'],
        ['B', 'Nord', 'ü'],
      ]);
    }
  });

  it('reads a doubled quote at the very end of the file with any read buffer (bytes of an earlier block do not count)', () => {
    const text = 'a,.,aa,""""\n\t"," ,  "aa\r\n",,\t"aaaa\n"\t\na,"aaaaa",\t"aaaa" , "aaaa"""';
    for (const blockSize of BLOCK_SIZES) {
      expect(allRows(extract(text, { id: 'a', stratum: '.' }, blockSize))).to.deep.equal([
        [',', 'aa\r\n', '', 'aaaa\n'],
        ['a', 'aaaaa', 'aaaa', 'aaaa"'],
      ]);
    }
  });

  it('names line, row, column and reason for bad data', () => {
    const cases: [string, RegExp][] = [
      ['', /the frame is empty \(no header row\)/],
      ['\n\n', /the frame is empty/],
      ['id,stratum\nA,X\n', /the frame has no column 'district' \(columns: id, stratum\)/],
      ['id,district\nA,X\n,Y\n', /frame row 2 \(line 3\) has an empty id in column 'id'/],
      ['id,district\nA,X\nB,  \n', /frame row 2 \(line 3\) has an empty stratum in column 'district'/],
      ['id,district\nA,X\nB,"" \n', /frame row 2 \(line 3\) has an empty stratum/],
      ['id,district,n\nA,X,1\nB,Y\n', /line 3: frame row 2 has 2 fields, the header has 3/],
      ['id,district,n\nA,X,1,2\n', /line 2: frame row 1 has 4 fields, the header has 3/],
      ['id,district\nA,"X\n', /line 2: a quoted field is not closed/],
      ['id,district\nA,X"Y\n', /line 2: a quote inside an unquoted field/],
      ['id,district,n\nA,X,1 "2"\n', /line 2: a quote inside an unquoted field/],
      ['id,district\n"A"B,X\n', /line 2: unexpected text after the closing quote/],
      ['id,district,street\nA,X,"Weg\n1"\nB,Y\n', /line 4: frame row 2 has 2 fields/],
    ];
    for (const blockSize of BLOCK_SIZES) {
      for (const [text, message] of cases) expect(() => extract(text, DISTRICT, blockSize), `${JSON.stringify(text)} in blocks of ${blockSize}`).to.throw(RangeError, message);
    }
    expect(() => extract('id,district,zip\nA,X,1\n', { id: 'id', stratum: 'district', sortKeys: ['postcode'] })).to.throw(RangeError, /no column 'postcode'/);
  });

  it('finds a duplicate id with both data rows when grouping', () => {
    for (const blockSize of BLOCK_SIZES) {
      const frame = extract('id,district\nA,X\nC,Y\nB,X\nC,X\n', DISTRICT, blockSize);
      expect(frame.idsAscending).to.equal(false);
      expect(() => groupUnitsByStratum(frame)).to.throw(RangeError, /duplicate id 'C' in column 'id': frame rows 2 and 4/);
    }
  });

  it('orders non-ASCII ids by UTF-16 code units, like the record path', () => {
    // U+FF21 (fullwidth A) sorts after U+1F600 in UTF-8 byte order but before it in UTF-16 code units.
    for (const text of ['id,district\n\u{1F600},X\n\uFF21,X\nZ,X\n', 'id,district\nZ,X\n\uFF21,X\n\u{1F600},X\n']) {
      const frame = extract(text);
      const [stratum] = groupUnitsByStratum(frame);
      expect(stratum.rows.map((i) => frame.id(i))).to.deep.equal(['Z', '\uFF21', '\u{1F600}'].sort());
    }
    // Ascending in UTF-16 code units (Z < U+D83D… < U+FF21), though not in UTF-8 byte order.
    expect(extract('id,district\nZ,X\n\u{1F600},X\n\uFF21,X\n').idsAscending).to.equal(true);
    expect(extract('id,district\nZ,X\n\uFF21,X\n\u{1F600},X\n').idsAscending).to.equal(false);
  });

  it('reads any set of rows in one pass, in the order asked, also from a source with short reads', () => {
    const rows = generateFrame({ households: 500, districts: 3, seed: 9 });
    const text = frameToCsv(rows);
    const expected = rows.map((r) => Object.values(r).map(String));
    for (const source of [bytesSource(bytes(text)), shortReads(bytes(text), 5)]) {
      for (const blockSize of [undefined, 7, 300]) {
        const frame = extractFrameColumns(source, { id: 'household_id', stratum: 'district' }, { blockSize });
        expect(frame.size).to.equal(500);
        const wanted = [499, 0, 17, 17, 250, 3, 498];
        expect(frame.rows(wanted)).to.deep.equal(wanted.map((i) => expected[i]));
        expect(frame.rows([])).to.deep.equal([]);
        expect(allRows(frame)).to.deep.equal(expected);
      }
    }
    const frame = extract('id,district\nA,X\n');
    expect(() => frame.rows([0, 1])).to.throw(RangeError, /frame row index 1 is outside 0…0/);
    expect(() => frame.row(-1)).to.throw(RangeError, /frame row index -1/);
  });

  it('keeps many strata and long rows exactly (per-row arrays widen as needed)', () => {
    // 70,000 strata need more than two bytes per code; rows of 300 and 70,000 bytes more than one and two bytes per gap.
    const records = Array.from({ length: 70_000 }, (_, k) => [`H${String(k).padStart(6, '0')}`, `D${k % 69_999}`, k === 5 ? 'x'.repeat(300) : k === 60_000 ? 'y'.repeat(70_000) : 'z']);
    const text = 'id,district,note\n' + records.map((r) => r.join(',')).join('\n') + '\n';
    for (const blockSize of [undefined, 64]) {
      const frame = extract(text, DISTRICT, blockSize);
      expect(frame.size).to.equal(70_000);
      expect(frame.strata.length).to.equal(69_999);
      expect(frame.strata[frame.stratumOfRow[69_999]]).to.equal('D0');
      expect(frame.strata[frame.stratumOfRow[69_998]]).to.equal('D69998');
      const wanted = [0, 4, 5, 6, 255, 256, 257, 511, 59_999, 60_000, 60_001, 69_999];
      expect(frame.rows(wanted)).to.deep.equal(wanted.map((k) => records[k]));
      expect(frame.rows([69_999, 0, 60_000])).to.deep.equal([records[69_999], records[0], records[60_000]]);
    }
  });

  it('says so when the source is shorter than it claimed (a file changed while being read)', () => {
    const content = bytes('id,district\nA,X\nB,Y\n');
    const truncated: ByteSource = { size: content.length + 10, withReader: bytesSource(content).withReader };
    expect(() => extractFrameColumns(truncated, DISTRICT)).to.throw(RangeError, /ended after 20 of 30 bytes/);
  });

  it('gives the same fields as csv-parse (readCsvFile) for random frames, columns in any order', () => {
    const value = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9äöüß .-]{0,6}$/),
      fc.string({ maxLength: 5 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    );
    const NAMES = ['id', 'district', 'a', 'b'];
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.tuple(fc.stringMatching(/^[A-Z][0-9]{1,3}$/), fc.constantFrom('Ost', 'West', 'Gera-Süd', '"Lusan, Brüte"'), value, value), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        fc.constantFrom(...BLOCK_SIZES),
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
        (delimiter, eol, records, bom, blockSize, order) => {
          const header = order.map((c) => NAMES[c]).join(delimiter);
          const text = (bom ? '\uFEFF' : '') + [header, ...records.map((r) => order.map((c) => r[c]).join(delimiter))].join(eol) + eol;
          const expected = csvParseRows(text, delimiter as ';' | ',');
          const frame = extract(text, DISTRICT, blockSize);
          expect([frame.columns, ...allRows(frame)]).to.deep.equal(expected);
          // Values by column name, as csv-parse read them.
          const data = expected.slice(1).map((r) => Object.fromEntries(order.map((c, k) => [NAMES[c], r[k]])));
          const ids = data.map((r) => r.id);
          expect(allIds(frame)).to.deep.equal(ids);
          expect(strataOf(frame)).to.deep.equal(data.map((r) => r.district));
          expect(frame.idsAscending).to.equal(ids.every((id, k) => k === 0 || ids[k - 1] < id));
          // Sort columns (systematic draws): their texts order the rows as the csv-parse values do.
          const bySortKeys = extract(text, { ...DISTRICT, sortKeys: ['b', 'a'] }, blockSize);
          const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);
          const compareExpected = (i: number, j: number) => {
            for (const c of ['b', 'a']) if (data[i][c] !== data[j][c]) return data[i][c] < data[j][c] ? -1 : 1;
            return 0;
          };
          for (let i = 0; i < data.length; i++) {
            for (let j = 0; j < data.length; j++) expect(sign(bySortKeys.compareSortKeys!(i, j)), `rows ${i}, ${j}`).to.equal(compareExpected(i, j));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('draws the same sample as the record path (SRSWOR and systematic), in id order or not', () => {
    const rows = generateFrame({ households: 3000, districts: 6, seed: 4 });
    const text = frameToCsv(rows);
    const lines = text.trim().split('\n');
    const reversedText = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
    const reversedRows = rows.slice().reverse();
    const allocation = Object.fromEntries([...new Set(rows.map((r) => r.district))].map((d) => [d, 7]));
    for (const [csv, records] of [
      [text, rows],
      [reversedText, reversedRows],
    ] as const) {
      for (const blockSize of [undefined, 7]) {
        const frame = extractFrameColumns(bytes(csv), { id: 'household_id', stratum: 'district', sortKeys: ['postcode', 'street'] }, { blockSize });
        expect(frame.idsAscending).to.equal(csv === text);
        const fromUnits = stratifiedSrsworOfUnits(frame, { allocation, rng: createRng(42) });
        const fromRecords = stratifiedSrswor(records, { id: 'household_id', stratum: 'district', allocation, rng: createRng(42) });
        expect(fromUnits).to.deep.equal(fromRecords.map(({ row: _row, ...u }) => u));
        const systematicUnits = stratifiedSystematicOfUnits(frame, { allocation, rng: createRng(7) });
        const systematicRecords = stratifiedSystematic(records, { id: 'household_id', stratum: 'district', sortKey: ['postcode', 'street'], allocation, rng: createRng(7) });
        expect(systematicUnits).to.deep.equal(systematicRecords.map(({ row: _row, ...u }) => u));
        expect(frame.rows(fromUnits.map((u) => u.rowIndex))).to.deep.equal(fromUnits.map((u) => Object.values(records[u.rowIndex]).map(String)));
      }
    }
  });
});

describe('countByteInWords', () => {
  it('counts a byte four at a time exactly as one at a time, at any alignment', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), fc.nat(80), fc.nat(80), fc.constantFrom(0x2c, 0x3b, 0x00, 0x80, 0xff, 0x7f, 0x01), (content, a, b, byte) => {
        const bytes = new Uint8Array(new ArrayBuffer(84), 0, 80);
        bytes.set(content);
        // Bytes equal to the target around others that differ by one bit (carry and sign edge cases).
        for (let k = content.length; k < 80; k++) bytes[k] = k % 3 === 0 ? byte : byte ^ (1 << (k % 8));
        const words = new Int32Array(bytes.buffer, 0, 21);
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(countByteInWords(bytes, words, from, to, byte)).to.equal(countByte(bytes, from, to, byte));
      }),
      { numRuns: 2000 },
    );
  });
});
