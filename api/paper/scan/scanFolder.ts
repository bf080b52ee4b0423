/**
 * Scans a folder or file of scanned pages end to end — decode (ahead of use), read every page, group
 * into forms — as `cli scan` and the scan benchmark do. Images are dropped after each page unless
 * `onPage` keeps what it needs (the verification queue keeps crops).
 */
import type { QuestionnaireSource } from '../resolveQuestionnaire';
import type { ClassificationBands } from './classifyBox';
import { listScanFiles, scanPages, type ScanPage } from './loadScanPages';
import { readPage, type PageReading } from './readPage';
import { createScanBatch, type ScanBatchReport } from './scanBatch';
import { createLayoutLookup } from './scanLayouts';

export interface ScanFolderResult {
  readonly report: ScanBatchReport;
  readonly files: number;
  /** Pages decoded (read or not). */
  readonly pages: number;
  readonly skipped: readonly string[];
  readonly unreadable: readonly { file: string; pageInFile: number | null; reason: string }[];
}

export async function scanFolder(
  input: string,
  options: {
    dpi?: number;
    store?: QuestionnaireSource;
    bands?: ClassificationBands;
    onPage?: (page: ScanPage, reading: PageReading, outcome: ReturnType<ReturnType<typeof createScanBatch>['add']>) => void | Promise<void>;
  } = {},
): Promise<ScanFolderResult> {
  const files = listScanFiles(input);
  const lookup = createLayoutLookup(options.store);
  const batch = createScanBatch();
  const skipped: string[] = [];
  const unreadable: { file: string; pageInFile: number | null; reason: string }[] = [];
  let pages = 0;
  for await (const item of scanPages(files, options.dpi ?? 200)) {
    if (item.kind === 'skipped') skipped.push(item.file);
    else if (item.kind === 'unreadable') unreadable.push(item);
    else {
      pages++;
      const reading = await readPage(item.page.image, lookup, options.bands);
      const outcome = batch.add({ file: item.page.file, pageInFile: item.page.pageInFile, fileHash: item.page.fileHash }, reading);
      await options.onPage?.(item.page, reading, outcome);
    }
  }
  return { report: batch.report(), files: files.length, pages, skipped, unreadable };
}
