/**
 * The district report as one self-contained HTML page from the same model as the PDF: semantic headings
 * (h1 title, h2 sections, h3 districts and indicators), a table of contents, tables with caption and
 * th scope, the profile's intervals as small inline SVG plots with a text alternative, and print CSS
 * (A4, each district profile on a new page, table headers repeated). No script, no external resource.
 * Every text from the data (district and indicator names) is escaped.
 */
import { HATCH_PATTERN_ID, mapPatternDefs, SUPPRESSED_PATTERN_ID } from '../../analysis/maps';
import type { ForestRow, MapPattern, ReportBlock, ReportForest, ReportMap, ReportModel, ReportSection, ReportTable } from './reportModel';
import { REPORT_TEXTS } from './reportTexts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, "Helvetica Neue", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 58rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; }
h2 { font-size: 1.45rem; margin: 2.2rem 0 .8rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
h3 { font-size: 1.2rem; margin: 1.8rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.subtitle { font-size: 1.2rem; margin: 0 0 1rem; }
.note { font-size: .85rem; color: #444; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .85rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border-bottom: 1px solid #bbb; padding: .2rem .4rem; vertical-align: top; }
thead th { background: #e4e4e4; text-align: left; }
th[scope=row] { font-weight: normal; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; background: #f2f2f2; }
td.plot { width: 9rem; padding-top: .35rem; }
td.plot svg { display: block; width: 9rem; height: 1rem; }
nav ol { padding-left: 1.2rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; font-size: .85rem; }
.legend svg { vertical-align: middle; }
@page { size: A4; margin: 20mm 18mm 22mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  .new-page { break-before: page; }
  h2, h3, h4, caption { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

const num = (align: 'left' | 'right') => (align === 'right' ? ' class="num"' : '');

function table(t: ReportTable): string {
  const head = t.columns.map((c) => `<th scope="col"${num(c.align)}>${escapeHtml(c.label)}</th>`).join('');
  const body = t.rows
    .map((r) => {
      const [first, ...rest] = r.cells;
      const cells = rest.map((cell, i) => `<td${num(t.columns[i + 1]!.align)}>${escapeHtml(cell)}</td>`).join('');
      return `<tr${r.emphasis ? ' class="total"' : ''}><th scope="row">${escapeHtml(first ?? '')}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<table>\n<caption>${escapeHtml(t.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The interval of one row on the 0–100 % scale, in the PDF's greyscale shapes; the row's texts carry the numbers. */
function intervalSvg(row: ForestRow, label: string): string {
  const x = (share: number) => (Math.min(1, Math.max(0, share)) * 140 + 5).toFixed(1);
  const parts = ['<line x1="5" y1="8" x2="145" y2="8" stroke="#c8c8c8"/>'];
  if (row.cityEstimate !== null) parts.push(`<line x1="${x(row.cityEstimate)}" y1="1" x2="${x(row.cityEstimate)}" y2="15" stroke="#707070" stroke-width="1.5"/>`);
  if (row.estimate !== null) {
    if (row.ciLow !== null && row.ciHigh !== null) parts.push(`<line x1="${x(row.ciLow)}" y1="8" x2="${x(row.ciHigh)}" y2="8" stroke="#000" stroke-width="1.5"/>`);
    const px = x(row.estimate);
    if (row.kind === 'direct') parts.push(`<circle cx="${px}" cy="8" r="3.2" fill="#000"/>`);
    else if (row.kind === 'model') parts.push(`<polygon points="${px},3.8 ${Number(px) + 4.2},8 ${px},12.2 ${Number(px) - 4.2},8" fill="#000"/>`);
    else parts.push(`<circle cx="${px}" cy="8" r="3.2" fill="#fff" stroke="#000"/>`);
  }
  return `<svg viewBox="0 0 150 16" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`;
}

function forest(f: ReportForest): string {
  const c = f.columns;
  const head = [
    [c.indicator, 'left'],
    [c.value, 'right'],
    [c.city, 'right'],
    [c.plot, 'left'],
    [c.marker, 'left'],
    [c.change, 'right'],
    [c.n, 'right'],
  ]
    .map(([label, align]) => `<th scope="col"${num(align as 'left' | 'right')}>${escapeHtml(label!)}</th>`)
    .join('');
  const body = f.rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.label)}</th><td class="num">${escapeHtml(r.value)}</td><td class="num">${escapeHtml(r.city)}</td>` +
        `<td class="plot">${intervalSvg(r, `${r.value}; ${c.city} ${r.city}`)}</td><td>${escapeHtml(r.marker)}</td><td class="num">${escapeHtml(r.change)}</td><td class="num">${escapeHtml(r.n)}</td></tr>`,
    )
    .join('\n');
  return `<table>\n<caption>${escapeHtml(f.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function map(m: ReportMap, lang: ReportModel['lang']): string {
  const t = REPORT_TEXTS[lang];
  const patternId = (p: MapPattern) => (p === 'hatch' ? HATCH_PATTERN_ID : SUPPRESSED_PATTERN_ID);
  const shape = (d: string, fill: string, pattern: MapPattern, title: string) =>
    `<path d="${escapeHtml(d)}" fill="${escapeHtml(fill)}" stroke="#3d3d3d" stroke-width="0.8"><title>${escapeHtml(title)}</title></path>` +
    (pattern ? `<path d="${escapeHtml(d)}" fill="url(#${patternId(pattern)})" aria-hidden="true"/>` : '');
  const paths = m.areas.map((a) => shape(a.path, a.fill, a.pattern, `${a.name}: ${a.value}`)).join('\n');
  const labels = m.areas
    .map(
      (a) =>
        `<text x="${a.centroid[0]}" y="${a.centroid[1]}" text-anchor="middle" dominant-baseline="middle" font-size="9" fill="${escapeHtml(a.pattern ? '#000000' : a.labelColour)}"` +
        `${a.pattern ? ' stroke="#ffffff" stroke-width="2.5" paint-order="stroke"' : ''} aria-hidden="true">${escapeHtml(a.name)}</text>`,
    )
    .join('\n');
  const legend = m.legend
    .map(
      (l) =>
        `<li><svg viewBox="0 0 18 10" width="18" height="10" aria-hidden="true"><rect width="18" height="10" fill="${escapeHtml(l.fill)}" stroke="#3d3d3d"/>` +
        `${l.pattern ? `<rect width="18" height="10" fill="url(#${patternId(l.pattern)})"/>` : ''}</svg> ${escapeHtml(l.label)}</li>`,
    )
    .join('');
  return (
    `<figure>\n<svg viewBox="0 0 ${m.width} ${m.height}" role="img" aria-label="${escapeHtml(m.caption)}">\n${mapPatternDefs()}\n${paths}\n${labels}\n</svg>\n` +
    `<figcaption>${escapeHtml(m.caption)}${m.note ? ` <span class="note">${escapeHtml(m.note)}</span>` : ''}</figcaption>\n` +
    `<ul class="legend" aria-label="${escapeHtml(t.mapLegend)}">${legend}</ul>\n</figure>`
  );
}

function block(b: ReportBlock, lang: ReportModel['lang']): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'note':
      return `<p class="note">${escapeHtml(b.text)}</p>`;
    case 'subheading':
      return `<h4>${escapeHtml(b.text)}</h4>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return table(b);
    case 'forest':
      return forest(b);
    case 'map':
      return map(b, lang);
  }
}

function section(s: ReportSection, lang: ReportModel['lang']): string {
  const heading = s.level === 1 ? 'h2' : 'h3';
  const id = escapeHtml(s.id);
  return (
    `<section id="${id}" aria-labelledby="${id}-title"${s.newPage ? ' class="new-page"' : ''}>\n` +
    `<${heading} id="${id}-title">${escapeHtml(s.title)}</${heading}>\n${s.blocks.map((b) => block(b, lang)).join('\n')}\n</section>`
  );
}

/**
 * Renders the report model as a complete HTML document (UTF-8).
 * @example const html = reportHtml(buildReport(run.result, 'en'));
 */
export function reportHtml(model: ReportModel): string {
  const t = REPORT_TEXTS[model.lang];
  const contents = model.sections
    .filter((s) => s.level === 1 || s.district)
    .map((s) => `<li${s.level === 2 ? ' class="district"' : ''}><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${model.title} – ${model.subtitle}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
<p class="subtitle">${escapeHtml(model.subtitle)}</p>
<p>${model.cover.map(escapeHtml).join('<br>\n')}</p>
<p class="note">${escapeHtml(model.coverNote)}</p>
</header>
<nav aria-labelledby="contents-title">
<h2 id="contents-title">${escapeHtml(t.contents)}</h2>
<ol>
${contents}
</ol>
</nav>
<main>
${model.sections.map((s) => section(s, model.lang)).join('\n')}
</main>
</body>
</html>
`;
}
