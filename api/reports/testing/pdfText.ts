/** Test support: what a reader of a PDF sees, through poppler's pdftotext and pdfinfo, and the PDF's bookmarks. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(pdf: Buffer, read: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  try {
    const path = join(dir, 'report.pdf');
    writeFileSync(path, pdf);
    return read(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page as pdftotext extracts it (selectable text only), one string per page; `layout` keeps the columns side by side. */
export function pdfPages(pdf: Buffer, options: { layout?: boolean } = {}): string[] {
  const args = ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : [])];
  const text = withFile(pdf, (path) => execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' }));
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The page count pdfinfo reads. */
export function pdfPageCount(pdf: Buffer): number {
  const info = withFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
}

/** The bookmark titles of an uncompressed pdfkit PDF, in file order (literal strings, UTF-16BE when they start with a BOM). */
export function pdfBookmarks(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const titles: string[] = [];
  const start = /\/Title \(/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(raw))) {
    let bytes = '';
    let i = m.index + m[0].length;
    for (; raw[i] !== ')'; i++) {
      if (raw[i] === '\\') {
        i++;
        const escaped: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (/[0-7]/.test(raw[i]!)) {
          const octal = /^[0-7]{1,3}/.exec(raw.slice(i))![0];
          bytes += String.fromCharCode(parseInt(octal, 8));
          i += octal.length - 1;
        } else bytes += escaped[raw[i]!] ?? raw[i];
      } else bytes += raw[i];
    }
    const buffer = Buffer.from(bytes, 'latin1');
    titles.push(buffer[0] === 0xfe && buffer[1] === 0xff ? buffer.subarray(2).swap16().toString('utf16le') : bytes);
  }
  return titles;
}
