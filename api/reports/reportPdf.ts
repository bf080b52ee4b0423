/**
 * The district report as PDF (pdfkit): A4, the PDF standard fonts (Helvetica; WinAnsi covers ä ö ü ß, as in
 * the letters, so no font files are embedded and every word stays selectable and searchable text; a name the
 * fonts cannot print keeps its original as ActualText), tagged for screen readers, a bookmark per section,
 * district and indicator, "Seite X von Y" on every page, a table of contents with page numbers on the cover,
 * every district profile on a new page, tables that repeat their caption and header row when they continue on
 * the next page, and the profile's intervals drawn as a small forest plot (greyscale: filled dot = direct value,
 * diamond = model value, ring = synthetic value, grey tick = city value).
 * Cost: about 0.2–0.4 s of CPU for 12 districts and 20 indicators (24 pages).
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../letters/winAnsi';
import type { ForestRow, ReportColumn, ReportForest, ReportMap, ReportModel, ReportSection, ReportTable } from './reportModel';
import { REPORT_TEXTS } from './reportTexts';

type Doc = InstanceType<typeof PDFDocument>;
type Outline = Doc['outline'];
type StructElement = ReturnType<Doc['struct']>;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 56, right: 56, top: 56, bottom: 70 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const FONT = { text: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
const BODY = 9.5;
const CELL = 7.5;
const PAD = 2.5;
const GREY = { rule: '#9a9a9a', header: '#e4e4e4', emphasis: '#f2f2f2', axis: '#c8c8c8', city: '#707070', text: '#555555' };

export interface ReportPdfOptions {
  /** Deflate page content (default true); tests may switch it off. */
  compress?: boolean;
}

/** Text the standard fonts can print: letters outside WinAnsi lose their accent or become '?', never an error. */
export function printable(text: string): string {
  try {
    return toWinAnsi(text, 'report');
  } catch {
    return [...text].map((ch) => {
      try {
        return toWinAnsi(ch, 'report');
      } catch {
        return '?';
      }
    }).join('');
  }
}

/**
 * Writes `original` as the standard fonts can print it; where that loses characters (Łódź → Lódz, Cyrillic → ?),
 * the original is attached as ActualText, so copying and searching (pdftotext too) give the original name.
 */
function writeText(doc: Doc, original: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): void {
  const shown = printable(original);
  const exact = shown === original;
  if (!exact) doc.markContent('Span', { actual: original.normalize('NFC') });
  doc.text(shown, x, y, options);
  if (!exact) doc.endMarkedContent();
}

/**
 * Lays the model out page by page. The PDF is tagged (PDF/UA-style structure): the report title is H1, sections
 * H2, districts and indicators H3, sub-headings H4, paragraphs P, lists L/LI, tables Table/TR/TH/TD with their
 * Caption, the map a Figure with a text alternative; rules, shading, interval plots, repeated table headers and
 * page numbers are marked as artifacts, so a screen reader reads the report as the HTML version reads.
 */
class Layout {
  private outlineTop: Outline | null = null;
  /** The district or indicator whose section is being drawn: a continued table's caption names it. */
  private subsection: string | null = null;
  readonly sectionPages: { section: ReportSection; page: number }[] = [];

  constructor(
    readonly doc: Doc,
    readonly model: ReportModel,
    readonly root: StructElement,
  ) {}

  /** Draws `draw` as the content of a new structure element of `type` under `parent` (default the document). */
  tag(type: string, draw: () => void, parent: StructElement = this.root, options: { alt?: string } = {}): void {
    parent.add(this.doc.struct(type, options, draw));
  }

  /** A structure element to fill later (a table, a row, a list); ended by the caller. */
  group(type: string, parent: StructElement = this.root): StructElement {
    const element = this.doc.struct(type);
    parent.add(element);
    return element;
  }

  /** Draws decoration that carries no content of its own (rules, shading, plots whose numbers are in the text). */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    draw();
    this.doc.endMarkedContent();
  }

  get page(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margins: MARGIN });
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  /** Moves to a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): void {
    if (this.doc.y + height > BOTTOM) this.newPage();
  }

  private atTop(): boolean {
    return this.doc.y <= MARGIN.top + 1;
  }

  section(section: ReportSection): void {
    const doc = this.doc;
    if (section.newPage && !this.atTop()) this.newPage();
    const size = section.level === 1 ? 16 : 13;
    doc.font(FONT.bold).fontSize(size);
    const title = printable(section.title);
    this.subsection = section.level === 2 ? section.title : null;
    const height = doc.heightOfString(title, { width: CONTENT_WIDTH });
    const first = section.blocks[0];
    this.ensure(height + (first?.kind === 'map' ? mapHeight(first) + 60 : 60));
    if (!this.atTop()) doc.y += section.level === 1 ? 10 : 6;
    this.tag(section.level === 1 ? 'H2' : 'H3', () => writeText(doc.fillColor('black'), section.title, MARGIN.left, doc.y, { width: CONTENT_WIDTH }));
    doc.y += section.level === 1 ? 8 : 5;
    // Bookmarks are Unicode: they keep the name as written.
    if (section.level === 1 || !this.outlineTop) this.outlineTop = doc.outline.addItem(section.title);
    else this.outlineTop.addItem(section.title);
    this.sectionPages.push({ section, page: this.page });

    for (const block of section.blocks) {
      if (block.kind === 'paragraph') this.paragraph(block.text);
      else if (block.kind === 'note') this.paragraph(block.text, 7.5, GREY.text);
      else if (block.kind === 'subheading') this.subheading(block.text);
      else if (block.kind === 'list') this.list(block.items);
      else if (block.kind === 'table') this.table(block);
      else if (block.kind === 'forest') this.forest(block);
      else this.map(block);
    }
  }

  paragraph(text: string, size = BODY, color = 'black'): void {
    const doc = this.doc;
    const t = printable(text);
    const lineGap = size * 0.2;
    doc.font(FONT.text).fontSize(size);
    const height = doc.heightOfString(t, { width: CONTENT_WIDTH, lineGap });
    // A paragraph that fits on a page is never split; a longer one flows on (pdfkit breaks it by line).
    if (height < BOTTOM - MARGIN.top) this.ensure(height);
    this.tag('P', () => writeText(doc.fillColor(color), text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap }));
    doc.fillColor('black');
    doc.y += size * 0.6;
  }

  subheading(text: string): void {
    const doc = this.doc;
    doc.font(FONT.bold).fontSize(10.5);
    this.ensure(40);
    doc.y += 4;
    this.tag('H4', () => writeText(doc.fillColor('black'), text, MARGIN.left, doc.y, { width: CONTENT_WIDTH }));
    doc.y += 4;
  }

  list(items: string[]): void {
    const doc = this.doc;
    const indent = 12;
    const list = this.group('L');
    for (const item of items) {
      const t = printable(item);
      doc.font(FONT.text).fontSize(BODY);
      const height = doc.heightOfString(t, { width: CONTENT_WIDTH - indent, lineGap: 2 });
      this.ensure(height);
      const top = doc.y;
      const li = this.group('LI', list);
      this.tag('Lbl', () => doc.fillColor('black').text('•', MARGIN.left + 2, top, { lineBreak: false }), li);
      this.tag('LBody', () => writeText(doc, item, MARGIN.left + indent, top, { width: CONTENT_WIDTH - indent, lineGap: 2 }), li);
      li.end();
      doc.y += 3;
    }
    list.end();
    doc.y += 3;
  }

  private widths(columns: readonly { width: number }[]): number[] {
    const total = columns.reduce((s, c) => s + c.width, 0);
    return columns.map((c) => (CONTENT_WIDTH * c.width) / total);
  }

  private rowHeight(cells: string[], widths: number[], font: string): number {
    const doc = this.doc;
    doc.font(font).fontSize(CELL);
    let height = 0;
    cells.forEach((cell, i) => {
      height = Math.max(height, doc.heightOfString(cell, { width: widths[i]! - 2 * PAD }));
    });
    return height + 2 * PAD;
  }

  /**
   * Draws one row of cells at the current y; `fill` shades its background. Tagged as a TR of `table` (header
   * cells TH, the first cell of a body row TH as the row's header, the others TD), or as an artifact when
   * `table` is null (the header repeated on a continuation page).
   */
  private row(cells: string[], widths: number[], aligns: ReportColumn['align'][], font: string, fill: string | null, height: number, table: StructElement | null, header: boolean): void {
    const doc = this.doc;
    const top = doc.y;
    this.artifact(() => {
      if (fill) doc.save().rect(MARGIN.left, top, CONTENT_WIDTH, height).fill(fill).restore();
    });
    const tr = table ? this.group('TR', table) : null;
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const left = x;
      const draw = () => {
        doc.font(font).fontSize(CELL).fillColor('black');
        writeText(doc, cell, left + PAD, top + PAD, { width: widths[i]! - 2 * PAD, align: aligns[i] });
      };
      if (tr) this.tag(header || i === 0 ? 'TH' : 'TD', draw, tr);
      else this.artifact(draw);
      x += widths[i]!;
    });
    tr?.end();
    this.artifact(() => {
      doc.save().lineWidth(0.4).strokeColor(GREY.rule).moveTo(MARGIN.left, top + height).lineTo(MARGIN.left + CONTENT_WIDTH, top + height).stroke().restore();
    });
    doc.y = top + height;
  }

  /** The table's caption: its Caption element, or an artifact when repeated on a continuation page. */
  private caption(text: string, table: StructElement | null): void {
    const doc = this.doc;
    doc.font(FONT.bold).fontSize(9).fillColor('black');
    const continued = this.subsection && this.subsection !== text ? `${this.subsection} – ${text}` : text;
    const t = table ? text : `${continued} ${REPORT_TEXTS[this.model.lang].continued}`;
    const draw = () => writeText(doc, t, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    if (table) this.tag('Caption', draw, table);
    else this.artifact(draw);
    doc.y += 3;
  }

  /**
   * A table with a header row and a caption: caption, header and the first row stay together; when a row no
   * longer fits, the table continues on the next page under its caption "(Fortsetzung)" and the header again.
   */
  table(table: ReportTable | ReportForest, extra?: { draw: (rowIndex: number, x: number, top: number, width: number, height: number) => void; column: number }): void {
    const doc = this.doc;
    const isForest = table.kind === 'forest';
    const columns: ReportColumn[] = isForest ? forestColumns(table) : table.columns;
    const widths = this.widths(columns);
    const aligns = columns.map((c) => c.align);
    // Measured as printed, drawn from the original (writeText keeps what printing loses).
    const header = columns.map((c) => c.label);
    const rows = isForest ? table.rows.map(forestCells) : table.rows.map((r) => r.cells);
    const emphasis = isForest ? table.rows.map(() => false) : table.rows.map((r) => r.emphasis === true);
    const texts = rows.map((cells) => cells.map(printable));
    const headerHeight = this.rowHeight(header.map(printable), widths, FONT.bold);
    const heights = texts.map((cells) => Math.max(this.rowHeight(cells, widths, FONT.text), isForest ? 14 : 0));
    doc.font(FONT.bold).fontSize(9);
    const captionHeight = doc.heightOfString(printable(table.caption), { width: CONTENT_WIDTH }) + 3;
    this.ensure(captionHeight + headerHeight + (heights[0] ?? 0) + 4);
    doc.y += 4;
    const structure = this.group('Table');
    this.caption(table.caption, structure);
    this.row(header, widths, aligns, FONT.bold, GREY.header, headerHeight, structure, true);
    texts.forEach((_, i) => {
      if (doc.y + heights[i]! > BOTTOM) {
        this.newPage();
        this.caption(table.caption, null);
        this.row(header, widths, aligns, FONT.bold, GREY.header, headerHeight, null, true);
      }
      const top = doc.y;
      this.row(rows[i]!, widths, aligns, emphasis[i] ? FONT.bold : FONT.text, emphasis[i] ? GREY.emphasis : null, heights[i]!, structure, false);
      if (extra) {
        const x = MARGIN.left + widths.slice(0, extra.column).reduce((s, w) => s + w, 0);
        this.artifact(() => extra.draw(i, x, top, widths[extra.column]!, heights[i]!));
      }
    });
    structure.end();
    doc.y += 8;
  }

  /** The profile table with its interval plot column, drawn on the common 0–100 % scale. */
  forest(forest: ReportForest): void {
    const plotColumn = 3;
    this.table(forest, {
      column: plotColumn,
      draw: (i, x, top, width, height) => drawInterval(this.doc, forest.rows[i]!, x + PAD + 2, top, width - 2 * PAD - 4, height),
    });
  }

  /** The city map: the district paths scaled into the text width, fill and pattern per area, a legend below. */
  map(map: ReportMap): void {
    const doc = this.doc;
    const scale = mapScale(map);
    doc.font(FONT.text).fontSize(BODY);
    const captionHeight = doc.heightOfString(printable(map.caption), { width: CONTENT_WIDTH }) + 6;
    this.ensure(captionHeight + mapHeight(map));
    this.paragraph(map.caption);
    const alt = `${map.caption} ${map.areas.map((a) => `${a.name}: ${a.value}`).join('; ')}.`;
    this.tag('Figure', () => this.drawMap(map, scale), this.root, { alt: printable(alt) });
    if (map.note) this.paragraph(map.note, 7.5, GREY.text);
    doc.y += 6;
  }

  private drawMap(map: ReportMap, scale: number): void {
    const doc = this.doc;
    const top = doc.y;
    const left = MARGIN.left + (CONTENT_WIDTH - map.width * scale) / 2;
    for (const area of map.areas) {
      doc.save().translate(left, top).scale(scale);
      doc.path(area.path).fillColor(area.fill).fill();
      if (area.pattern) {
        doc.path(area.path).clip();
        drawPattern(doc, area.pattern, 0, 0, map.width, map.height, 1 / scale);
      }
      doc.restore();
    }
    for (const area of map.areas) {
      doc.save().translate(left, top).scale(scale).path(area.path).lineWidth(0.8 / scale).strokeColor(MAP_STROKE).stroke().restore();
    }
    // Names at the areas' centres, on a white band when the area is patterned, so they stay readable.
    doc.font(FONT.text).fontSize(6.5);
    for (const area of map.areas) {
      const label = printable(area.name);
      const w = doc.widthOfString(label);
      const x = left + area.centroid[0] * scale - w / 2;
      const y = top + area.centroid[1] * scale - 3.5;
      if (area.pattern) doc.save().rect(x - 1, y - 1, w + 2, 9).fill('#ffffff').restore();
      writeText(doc.fillColor(area.pattern ? '#000000' : area.labelColour), area.name, x, y, { lineBreak: false });
    }
    doc.fillColor('black');
    doc.y = top + map.height * scale + 8;
    for (const item of map.legend) {
      const y = doc.y;
      doc.save().rect(MARGIN.left, y, 18, 10).fillColor(item.fill).fill();
      if (item.pattern) {
        doc.rect(MARGIN.left, y, 18, 10).clip();
        drawPattern(doc, item.pattern, MARGIN.left, y, 18, 10, 1);
      }
      doc.restore();
      doc.save().rect(MARGIN.left, y, 18, 10).lineWidth(0.5).strokeColor(MAP_STROKE).stroke().restore();
      writeText(doc.font(FONT.text).fontSize(CELL).fillColor('black'), item.label, MARGIN.left + 24, y + 1.5, { width: CONTENT_WIDTH - 24, lineBreak: false });
      doc.y = y + 14;
    }
  }
}

const MAP_STROKE = '#3d3d3d';
const MAP_MAX_HEIGHT = 330;
const mapScale = (map: ReportMap) => Math.min(CONTENT_WIDTH / map.width, MAP_MAX_HEIGHT / map.height);
/** The map's drawing, legend and note (without its caption). */
const mapHeight = (map: ReportMap) => map.height * mapScale(map) + 14 * map.legend.length + (map.note ? 14 : 0) + 16;

/** Hatch (with caution) or dots (suppressed) over a box, in the current coordinates; `unit` is one point there. */
function drawPattern(doc: Doc, pattern: 'hatch' | 'dots', x: number, y: number, width: number, height: number, unit: number): void {
  if (pattern === 'hatch') {
    const step = 5 * unit;
    for (const [colour, lineWidth] of [['#ffffff', 2.4], ['#000000', 1]] as const) {
      doc.lineWidth(lineWidth * unit).strokeColor(colour);
      for (let d = -height; d < width; d += step) doc.moveTo(x + d, y + height).lineTo(x + d + height, y);
      doc.stroke();
    }
    return;
  }
  const step = 4 * unit;
  doc.fillColor('#6b6b6b');
  for (let px = x + step / 2; px < x + width; px += step) for (let py = y + step / 2; py < y + height; py += step) doc.circle(px, py, 0.7 * unit);
  doc.fill();
}

function forestColumns(forest: ReportForest): ReportColumn[] {
  const c = forest.columns;
  return [
    { label: c.indicator, align: 'left', width: 4.3 },
    { label: c.value, align: 'right', width: 2.6 },
    { label: c.city, align: 'right', width: 1.1 },
    { label: c.plot, align: 'left', width: 2.5 },
    { label: c.marker, align: 'left', width: 0.6 },
    { label: c.change, align: 'right', width: 1.7 },
    { label: c.n, align: 'right', width: 0.5 },
  ];
}

function forestCells(row: ForestRow): string[] {
  return [row.label, row.value, row.city, '', row.marker, row.change, row.n];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** One interval of the forest plot: axis, city tick, interval line and the point in its kind's shape. */
function drawInterval(doc: Doc, row: ForestRow, x: number, top: number, width: number, height: number): void {
  const mid = top + height / 2;
  const at = (share: number) => x + clamp01(share) * width;
  doc.save().lineWidth(0.5).strokeColor(GREY.axis).moveTo(x, mid).lineTo(x + width, mid).stroke();
  for (const tick of [0, 0.5, 1]) doc.moveTo(at(tick), mid - 2).lineTo(at(tick), mid + 2).stroke();
  doc.restore();
  if (row.cityEstimate !== null) {
    doc.save().lineWidth(1.2).strokeColor(GREY.city).moveTo(at(row.cityEstimate), mid - 6).lineTo(at(row.cityEstimate), mid + 6).stroke().restore();
  }
  if (row.estimate === null) return;
  if (row.ciLow !== null && row.ciHigh !== null) {
    doc.save().lineWidth(1.1).strokeColor('black').moveTo(at(row.ciLow), mid).lineTo(at(row.ciHigh), mid).stroke();
    doc.moveTo(at(row.ciLow), mid - 2.5).lineTo(at(row.ciLow), mid + 2.5).moveTo(at(row.ciHigh), mid - 2.5).lineTo(at(row.ciHigh), mid + 2.5).stroke().restore();
  }
  const px = at(row.estimate);
  doc.save().lineWidth(1).strokeColor('black');
  if (row.kind === 'direct') doc.circle(px, mid, 2.6).fill('black');
  else if (row.kind === 'model') doc.polygon([px, mid - 3.4], [px + 3.4, mid], [px, mid + 3.4], [px - 3.4, mid]).fill('black');
  else doc.circle(px, mid, 2.6).fillColor('white').fillAndStroke();
  doc.restore();
}

/** The cover: title, subtitle, the run's identity, a note, and the contents with page numbers (written last). */
function drawCover(layout: Layout, model: ReportModel): void {
  const doc = layout.doc;
  layout.tag('H1', () => writeText(doc.font(FONT.bold).fontSize(24).fillColor('black'), model.title, MARGIN.left, 150, { width: CONTENT_WIDTH }));
  doc.moveDown(0.4);
  layout.tag('P', () => writeText(doc.font(FONT.text).fontSize(14), model.subtitle, MARGIN.left, doc.y, { width: CONTENT_WIDTH }));
  doc.moveDown(1.2);
  doc.fontSize(10);
  for (const line of model.cover) layout.tag('P', () => writeText(doc, line, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 2 }));
  doc.moveDown(1);
  layout.tag('P', () => writeText(doc.font(FONT.italic).fontSize(9.5), model.coverNote, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 2 }));
  doc.moveDown(1.5);
}

function drawContents(layout: Layout, toc: StructElement, top: number, entries: { section: ReportSection; page: number }[]): void {
  const { doc, model } = layout;
  const t = REPORT_TEXTS[model.lang];
  layout.tag('H2', () => writeText(doc.font(FONT.bold).fontSize(12).fillColor('black'), t.contents, MARGIN.left, top, { width: CONTENT_WIDTH }), toc);
  let y = doc.y + 4;
  const level2 = entries.filter((e) => e.section.level === 2 && e.section.district).length;
  // District entries are listed when they all fit on the cover; the bookmarks always list them.
  const lineHeight = 12.5;
  const withDistricts = y + (entries.filter((e) => e.section.level === 1).length + level2) * lineHeight < BOTTOM;
  for (const { section, page } of entries) {
    if (section.level === 2 && !(withDistricts && section.district)) continue;
    const indent = section.level === 1 ? 0 : 14;
    doc.font(section.level === 1 ? FONT.bold : FONT.text).fontSize(section.level === 1 ? 9.5 : 9);
    const at = y;
    layout.tag(
      'TOCI',
      () => {
        writeText(doc, section.title, MARGIN.left + indent, at, { width: CONTENT_WIDTH - indent - 40, lineBreak: false });
        doc.text(String(page + 1), MARGIN.left + CONTENT_WIDTH - 40, at, { width: 40, align: 'right', lineBreak: false });
      },
      toc,
    );
    y += lineHeight;
  }
}

/**
 * Renders the report model to a PDF.
 * @example const pdf = await reportPdf(buildReport(run.result, 'de'));
 */
export async function reportPdf(model: ReportModel, options: ReportPdfOptions = {}): Promise<Buffer> {
  return (await renderReportPdf(model, options)).pdf;
}

/** Renders the report model to a PDF and says how many pages it has. */
export async function renderReportPdf(model: ReportModel, options: ReportPdfOptions = {}): Promise<{ pdf: Buffer; pages: number }> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    compress: options.compress ?? true,
    size: 'A4',
    margins: MARGIN,
    lang: model.lang === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    // Structure tags (marked content, StructTreeRoot) are PDF 1.4 and later.
    pdfVersion: '1.7',
    tagged: true,
    // Document information is Unicode (UTF-16), so names stay as written here.
    info: { Title: `${model.title} – ${model.subtitle}`, Subject: model.districts.join(', ') },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    const root = doc.struct('Document');
    doc.addStructure(root);
    const layout = new Layout(doc, model, root);
    layout.newPage();
    drawCover(layout, model);
    const contentsTop = doc.y;
    // The contents come right after the cover in reading order; their entries are written once the pages are known.
    const toc = layout.group('TOC');
    for (const section of model.sections) layout.section(section);

    drawPageFurniture(layout, toc, contentsTop, layout.sectionPages);
    root.end();
  } catch (error) {
    doc.end();
    await done.catch(() => undefined);
    throw error;
  }
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return { pdf: await done, pages };
}

/** Contents on the cover, and on every page the running title and "Seite X von Y" below the bottom margin. */
function drawPageFurniture(layout: Layout, toc: StructElement, contentsTop: number, entries: { section: ReportSection; page: number }[]): void {
  const { doc, model } = layout;
  const t = REPORT_TEXTS[model.lang];
  const range = doc.bufferedPageRange();
  const pages = range.count;
  for (let i = range.start; i < range.start + pages; i++) {
    doc.switchToPage(i);
    if (i === range.start) {
      drawContents(layout, toc, contentsTop, entries);
      toc.end();
    }
    // Text below the bottom margin would start a new page; the margin is lifted for the footer only.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE.height - 44;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.save().lineWidth(0.4).strokeColor(GREY.rule).moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + CONTENT_WIDTH, y - 6).stroke().restore();
    doc.font(FONT.text).fontSize(8).fillColor(GREY.text);
    writeText(doc, model.title, MARGIN.left, y, { width: CONTENT_WIDTH * 0.7, lineBreak: false });
    writeText(doc, t.page({ page: i - range.start + 1, pages }), MARGIN.left, y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
