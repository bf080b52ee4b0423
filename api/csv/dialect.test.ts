import { expect } from 'chai';
import iconv from 'iconv-lite';
import { csvChunkDecoder, decodeCsv } from './decodeCsv';
import { csvDecoder, delimiterFor, firstNonBlankLine, hasUtf8Bom, headerCounts, headerDelimiter, lineEndOf } from './dialect';

describe('the CSV dialect', () => {
  it('takes the more frequent of ; and , outside quotes in the header; ; on a tie, , with neither', () => {
    expect(headerDelimiter('a;b;c,d\n1;2;3,5\n')).to.equal(';');
    expect(headerDelimiter('a,b,c;d\n')).to.equal(',');
    // The tie: German office files write ; and put commas in column titles.
    expect(headerDelimiter('a;b,c\n')).to.equal(';');
    expect(delimiterFor(1, 1)).to.equal(';');
    expect(delimiterFor(0, 0)).to.equal(',');
    expect(headerDelimiter('Bezirk\n')).to.equal(',');
    // Quoted delimiters do not count, also with doubled quotes inside; the header may span lines in quotes.
    expect(headerDelimiter('"Name; Vorname",Bezirk\n')).to.equal(',');
    expect(headerDelimiter('"a "";"" b",c\n')).to.equal(',');
    expect(headerDelimiter('"a\n;;",b\nx;y;z\n')).to.equal(',');
    // Blank lines before the header are skipped; the header ends at its first line end (CR or LF).
    expect(headerDelimiter('\r\n  \na,b\r\nx;y;z\r\n')).to.equal(',');
    expect(headerDelimiter('a,b\rx;y;z\r')).to.equal(',');
  });

  it('counts on bytes as on text and says where the header record ends', () => {
    const text = '"Straße; Nr.",Ort;PLZ;Bezirk\r\nx';
    expect(headerCounts(text, 0)).to.deep.equal({ semicolons: 2, commas: 1, end: 28 });
    expect(headerCounts(Buffer.from(text, 'latin1'), 0)).to.deep.equal({ semicolons: 2, commas: 1, end: 28 });
    expect(headerCounts('a;b', 0).end).to.equal(-1);
    expect(firstNonBlankLine('\r\n  \n a;b\n', 0)).to.equal(5);
    expect(firstNonBlankLine(' \n\t', 0)).to.equal(3);
  });

  it('decides the line end from the first CR or LF', () => {
    expect(lineEndOf('a;b\r\nc', 0, 6, true)).to.equal('\n');
    expect(lineEndOf('a;b\nc', 0, 5, true)).to.equal('\n');
    expect(lineEndOf('a;b\rc', 0, 5, true)).to.equal('\r');
    expect(lineEndOf('a;b\r', 0, 4, false)).to.equal(null);
    expect(lineEndOf('a;b\r', 0, 4, true)).to.equal('\r');
    expect(lineEndOf('a;b', 0, 3, false)).to.equal(null);
    expect(lineEndOf('a;b', 0, 3, true)).to.equal('\n');
    // Line breaks inside quotes do not count.
    expect(lineEndOf('"x\r\ny";b\rc;d\r', 0, 14, true)).to.equal('\r');
    expect(lineEndOf('"x\ry";b\r\nc;d\r\n', 0, 16, true)).to.equal('\n');
  });

  it('reads UTF-8 when valid (a BOM dropped), else Windows-1252 as the Encoding Standard maps it', () => {
    expect(hasUtf8Bom(Buffer.from('\uFEFFa'))).to.equal(true);
    expect(hasUtf8Bom(Buffer.from('a;b'))).to.equal(false);
    expect(decodeCsv(Buffer.from('\uFEFFa;b,c\r\n1;2\r\n'))).to.deep.equal({ encoding: 'utf-8', bom: true, delimiter: ';', newline: '\n', text: 'a;b,c\r\n1;2\r\n' });
    const ansi = iconv.encode('Straße;Preis\n„Gera-Süd“;5 € – 6 €\n', 'win1252');
    expect(decodeCsv(ansi)).to.deep.include({ encoding: 'windows-1252', bom: false, delimiter: ';', text: 'Straße;Preis\n„Gera-Süd“;5 € – 6 €\n' });
    // Every assigned byte as iconv-lite decodes it; the five unassigned ones stay C1 controls.
    const all = Uint8Array.from({ length: 256 }, (_, k) => k);
    const ours = csvDecoder('windows-1252').decode(all);
    const unassigned = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    for (let k = 0; k < 256; k++) {
      expect(ours.charCodeAt(k), `byte ${k.toString(16)}`).to.equal(unassigned.includes(k) ? k : iconv.decode(Buffer.of(k), 'win1252').charCodeAt(0));
    }
  });

  it('decodes a file in chunks cut anywhere as a whole, a BOM dropped', () => {
    for (const [bytes, encoding] of [
      [Buffer.from('\uFEFFid;Straße\n1;Zwötzen 😀\n'), 'utf-8'],
      [Buffer.from('id;Straße\n'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('id;Straße „Süd“\n', 'win1252')]), 'windows-1252'],
    ] as const) {
      const whole = decodeCsv(bytes).text;
      for (let size = 1; size <= bytes.length; size++) {
        const decoder = csvChunkDecoder(encoding);
        let text = '';
        for (let k = 0; k < bytes.length; k += size) text += decoder.write(bytes.subarray(k, k + size));
        expect(text + decoder.end(), `chunks of ${size}`).to.equal(whole);
      }
    }
  });
});
