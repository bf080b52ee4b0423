/**
 * Test support: seeded synthetic scans of printed questionnaires, for the scan tests and bench/scan.ts.
 * A blank page (the form's own PDF rendered with pdftoppm) gets pen marks drawn as SVG — ticks, crosses,
 * filled boxes (corrections), faint and thick pens, marks beside a box, handwritten digits, dust specks — and then the
 * distortions of a real office scanner: turned ±3°, shifted, scaled, blurred, noise, saved as JPEG
 * (quality 60–90), 1-bit black/white or grey PNG/TIFF. Every choice is drawn from one seeded generator, so
 * a seed gives the same page bytes and the same truth on every run.
 */
import sharp from 'sharp';
import type { SeededRng } from '../../../sampling/index';
import type { GreyImage } from '../scan/greyImage';
import type { PaperPage } from '../paperLayout';

/** What the respondent did to a box. `beside` is a mark next to the box rather than in it. */
export type MarkTruth = 'empty' | 'crossed' | 'filled' | 'beside';

/** What a person reading the page would conclude for one question. */
export interface QuestionTruth {
  readonly question: string;
  readonly multiple: boolean;
  /** `clear`: the marks say unambiguously which values (none = unanswered); `ambiguous`: a person must decide. */
  readonly kind: 'clear' | 'ambiguous' | 'digits';
  readonly values: readonly string[];
}

export interface SyntheticPageTruth {
  /**
   * `traceless`: a faint mark on a page saved in black and white that left not one pixel on the saved page
   * (the 1-bit threshold erased it): no reader can see it, so the bench counts it apart from misreadings.
   */
  readonly boxes: readonly { question: string; value: string; truth: MarkTruth; faint: boolean; traceless?: boolean }[];
  readonly questions: readonly QuestionTruth[];
}

export interface ScanDistortion {
  readonly rotateDeg: number;
  readonly scale: number;
  readonly shiftMm: readonly [number, number];
  readonly blurSigma: number;
  readonly noise: number;
  readonly format: 'jpeg' | 'bilevel' | 'png' | 'tiff';
  readonly jpegQuality: number;
  /** Quarter turns of the whole sheet (2 = fed upside down). */
  readonly quarters: 0 | 2;
}

interface Stroke {
  readonly points: readonly (readonly [number, number])[];
  readonly widthMm: number;
  readonly grey: number;
  readonly fill?: boolean;
  /** A round dot of diameter widthMm at the one point (dust, toner). */
  readonly dot?: boolean;
  /** Index of the box in the page truth this stroke marks (none for digits and specks). */
  readonly box?: number;
}

const pick = <T>(rng: SeededRng, items: readonly T[]): T => items[rng.uniformInt(items.length)]!;
const between = (rng: SeededRng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

/**
 * A random scanner distortion within the ranges of the quality goals: turned ±3°, scaled ±1 %, shifted
 * ±2.5 mm (together they move the top edge by at most 4 mm: more cuts off the QR code printed 5 mm below
 * it, and an office scanner's feeder keeps a sheet within about 2 mm), blur σ 0.3–1.1 px on half the pages, noise sd
 * 0–14 grey levels, JPEG 60–90 / 1-bit / PNG / TIFF, 10 % fed upside down.
 */
export function randomDistortion(rng: SeededRng, options: { upsideDown?: number } = {}): ScanDistortion {
  return {
    rotateDeg: between(rng, -3, 3),
    scale: between(rng, 0.99, 1.01),
    shiftMm: [between(rng, -2.5, 2.5), between(rng, -2.5, 2.5)],
    blurSigma: rng.uniform() < 0.5 ? 0 : between(rng, 0.3, 1.1),
    noise: between(rng, 0, 14),
    format: pick(rng, ['jpeg', 'jpeg', 'bilevel', 'png', 'tiff'] as const),
    jpegQuality: Math.round(between(rng, 60, 90)),
    quarters: rng.uniform() < (options.upsideDown ?? 0.1) ? 2 : 0,
  };
}

/**
 * Decides what a respondent marks on a page and the pen strokes for it: per single-choice question 12 %
 * unanswered, 62 % one tick or cross, 8 % a filled box corrected by a cross elsewhere, 6 % two crosses,
 * 5 % a mark beside a box, 7 % a faint pen; each multiple-choice box crossed with 30 %; digits written
 * into 70 % of number questions.
 */
export function planMarks(page: PaperPage, rng: SeededRng): { truth: SyntheticPageTruth; strokes: Stroke[] } {
  const strokes: Stroke[] = [];
  const boxes: { question: string; value: string; truth: MarkTruth; faint: boolean }[] = [];
  const questions: QuestionTruth[] = [];
  const order: string[] = [];
  for (const b of page.boxes) if (!order.includes(b.question)) order.push(b.question);
  const pen = (faint: boolean) => {
    const thick = rng.uniform() < 0.15;
    return { widthMm: thick ? between(rng, 0.8, 1.2) : between(rng, 0.3, 0.6), grey: faint ? between(rng, 120, 165) : between(rng, 0, 70) };
  };
  for (const q of order) {
    const qBoxes = page.boxes.filter((b) => b.question === q);
    const multiple = qBoxes[0]!.multiple;
    const states: MarkTruth[] = qBoxes.map(() => 'empty');
    let faint = false;
    let kind: 'clear' | 'ambiguous' = 'clear';
    if (multiple) {
      for (let i = 0; i < states.length; i++) if (rng.uniform() < 0.3) states[i] = 'crossed';
      faint = rng.uniform() < 0.07;
    } else {
      const r = rng.uniform();
      const one = rng.uniformInt(states.length);
      let other = rng.uniformInt(states.length - 1);
      if (other >= one) other++;
      if (r < 0.12) {
        // unanswered
      } else if (r < 0.74) {
        states[one] = 'crossed';
      } else if (r < 0.82) {
        states[one] = 'crossed';
        states[other] = 'filled';
      } else if (r < 0.88) {
        states[one] = 'crossed';
        states[other] = 'crossed';
        kind = 'ambiguous';
      } else if (r < 0.93) {
        states[one] = 'beside';
        kind = 'ambiguous';
      } else {
        states[one] = 'crossed';
        faint = true;
      }
    }
    qBoxes.forEach((b, i) => {
      const s = states[i]!;
      boxes.push({ question: q, value: String(b.value), truth: s, faint: faint && s === 'crossed' });
      if (s === 'empty') return;
      const p = { ...pen(faint && s === 'crossed'), box: boxes.length - 1 };
      const { xMm: x, wMm: w, hMm: h } = b;
      const j = () => between(rng, -0.06, 0.06) * w;
      if (s === 'crossed' || s === 'beside') {
        const [dx, dy] = s === 'beside' ? besideOffset(page, b, rng) : [0, 0];
        const y = b.yMm + dy;
        if (rng.uniform() < 0.5) {
          strokes.push({ points: [[x + dx + 0.15 * w + j(), y + 0.15 * h + j()], [x + dx + 0.85 * w + j(), y + 0.85 * h + j()]], ...p });
          strokes.push({ points: [[x + dx + 0.85 * w + j(), y + 0.15 * h + j()], [x + dx + 0.15 * w + j(), y + 0.85 * h + j()]], ...p });
        } else {
          strokes.push({ points: [[x + dx + 0.18 * w + j(), y + 0.5 * h + j()], [x + dx + 0.42 * w + j(), y + 0.85 * h + j()], [x + dx + 0.95 * w + j(), y + 0.05 * h + j()]], ...p });
        }
      } else {
        const y = b.yMm;
        // A correction: the box inked over, by a few overlapping strokes or a solid fill.
        strokes.push({ points: [[x + 0.1 * w, y + 0.1 * h], [x + 0.9 * w, y + 0.1 * h], [x + 0.9 * w, y + 0.9 * h], [x + 0.1 * w, y + 0.9 * h]], widthMm: p.widthMm, grey: p.grey, fill: true, box: p.box });
      }
    });
    const values = qBoxes.filter((_, i) => states[i] === 'crossed').map((b) => String(b.value));
    questions.push({ question: q, multiple, kind, values: kind === 'ambiguous' ? [] : values });
  }
  const digitQuestions: string[] = [];
  for (const d of page.digitBoxes) if (!digitQuestions.includes(d.question)) digitQuestions.push(d.question);
  for (const q of digitQuestions) {
    const written = rng.uniform() < 0.7;
    questions.push({ question: q, multiple: false, kind: 'digits', values: written ? ['?'] : [] });
    if (!written) continue;
    const cells = page.digitBoxes.filter((d) => d.question === q);
    const used = 1 + rng.uniformInt(cells.length);
    for (const d of cells.slice(cells.length - used)) {
      const p = pen(false);
      const { xMm: x, yMm: y, wMm: w, hMm: h } = d;
      strokes.push({ points: [[x + 0.25 * w, y + 0.2 * h], [x + 0.75 * w, y + 0.2 * h], [x + 0.4 * w, y + 0.85 * h]], ...p });
    }
  }
  return { truth: { boxes, questions }, strokes };
}

/**
 * Dust and toner specks of a used scanner glass or copier: 0–4 dots per page anywhere on the sheet,
 * 0.1–0.4 mm across, dark. They are no mark of the respondent (the page's truth stays as planned); a
 * speck inside a box is what the empty band of the classification has to tolerate.
 */
export function planSpecks(page: Pick<PaperPage, 'widthMm' | 'heightMm'>, rng: SeededRng): Stroke[] {
  const count = rng.uniformInt(5);
  return Array.from({ length: count }, () => ({
    points: [[between(rng, 0, page.widthMm), between(rng, 0, page.heightMm)]] as const,
    widthMm: between(rng, 0.1, 0.4),
    grey: between(rng, 0, 90),
    dot: true,
  }));
}

/**
 * Where a mark beside a box goes: 0.7–1.2 box widths to the left or right (or, when both sides are taken,
 * above or below), never onto another box — a mark on another box is a mark in that box, not beside this one.
 */
function besideOffset(page: PaperPage, box: PaperPage['boxes'][number], rng: SeededRng): [number, number] {
  const k = between(rng, 0.7, 1.2);
  const sideFirst = rng.uniform() < 0.5 ? -1 : 1;
  const candidates: [number, number][] = [
    [sideFirst * k * box.wMm, 0],
    [-sideFirst * k * box.wMm, 0],
    [0, -k * box.hMm],
    [0, k * box.hMm],
  ];
  const others = [...page.boxes, ...page.digitBoxes].filter((o) => o !== box);
  for (const [dx, dy] of candidates) {
    const x0 = box.xMm + dx;
    const y0 = box.yMm + dy;
    const free = others.every((o) => x0 + box.wMm < o.xMm - 0.5 || x0 > o.xMm + o.wMm + 0.5 || y0 + box.hMm < o.yMm - 0.5 || y0 > o.yMm + o.hMm + 0.5);
    if (free) return [dx, dy];
  }
  return candidates[0]!;
}

/** The strokes as an SVG of the page's size in pixels. */
function strokesSvg(strokes: readonly Stroke[], width: number, height: number, pxPerMm: number): Buffer {
  const px = (v: number) => (v * pxPerMm).toFixed(2);
  const parts = strokes.map((s) => {
    const g = Math.round(s.grey);
    const colour = `rgb(${g},${g},${g})`;
    if (s.dot === true) return `<circle cx="${px(s.points[0]![0])}" cy="${px(s.points[0]![1])}" r="${px(s.widthMm / 2)}" fill="${colour}"/>`;
    const pts = s.points.map(([x, y]) => `${px(x)},${px(y)}`).join(' ');
    return s.fill
      ? `<polygon points="${pts}" fill="${colour}" stroke="${colour}" stroke-width="${px(s.widthMm)}" stroke-linejoin="round"/>`
      : `<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="${px(s.widthMm)}" stroke-linecap="round" stroke-linejoin="round"/>`;
  });
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`);
}

/** The grey level below which a black-and-white (1-bit) scan saves a pixel as black. */
const ONE_BIT_THRESHOLD = 150;

/** A pen at this grey or lighter can vanish in a 1-bit scan; a darker pen's core stays black. */
const FAINT_GREY = ONE_BIT_THRESHOLD - 50;

/**
 * Draws the strokes on a blank page image (rendered at `dpi`) and applies the scanner distortion.
 * On a page saved in black and white, every box marked with a faint pen is checked for a trace: the page
 * is drawn again without that box's strokes, through the same distortion and the same noise, and if both
 * 1-bit pages are identical the mark left not one pixel — `traceless` lists those boxes (truth indices).
 * @returns the bytes of the scanned page file in the distortion's format, and the traceless boxes.
 */
export async function renderSyntheticScan(
  blank: GreyImage,
  dpi: number,
  strokes: readonly Stroke[],
  d: ScanDistortion,
  rng: SeededRng,
): Promise<{ bytes: Buffer; traceless: number[] }> {
  const { width, height } = blank;
  const raw = { raw: { width, height, channels: 1 as const } };
  const pixels = await distortedPixels(blank, dpi, strokes, d);
  // Sum of three uniforms ≈ normal noise with sd = noise; drawn once, so a redrawn page gets the same.
  const noise = new Float64Array(d.noise > 0 ? pixels.length : 0);
  for (let i = 0; i < noise.length; i++) noise[i] = (rng.uniform() + rng.uniform() + rng.uniform() - 1.5) * 2 * d.noise;
  addNoise(pixels, noise);
  const out = sharp(pixels, raw);
  switch (d.format) {
    case 'jpeg':
      return { bytes: await out.jpeg({ quality: d.jpegQuality }).toBuffer(), traceless: [] };
    case 'bilevel': {
      const traceless: number[] = [];
      const faintBoxes = new Set(strokes.filter((s) => s.box !== undefined && s.grey >= FAINT_GREY).map((s) => s.box!));
      for (const box of faintBoxes) {
        const without = await distortedPixels(blank, dpi, strokes.filter((s) => s.box !== box), d);
        addNoise(without, noise);
        if (sameOneBit(pixels, without)) traceless.push(box);
      }
      return { bytes: await out.threshold(ONE_BIT_THRESHOLD).png({ palette: true, colours: 2 }).toBuffer(), traceless };
    }
    case 'tiff':
      return { bytes: await out.tiff({ compression: 'lzw' }).toBuffer(), traceless: [] };
    default:
      return { bytes: await out.png().toBuffer(), traceless: [] };
  }
}

/** Whether two grey pages are the same after the 1-bit threshold (sharp's threshold: ≥ t is white). */
function sameOneBit(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! >= ONE_BIT_THRESHOLD !== b[i]! >= ONE_BIT_THRESHOLD) return false;
  return true;
}

function addNoise(pixels: Uint8Array, noise: Float64Array): void {
  for (let i = 0; i < noise.length; i++) pixels[i] = Math.max(0, Math.min(255, pixels[i]! + noise[i]!));
}

/** The strokes drawn on the blank page, turned, scaled, shifted, fed upside down and blurred as `d` says. */
async function distortedPixels(blank: GreyImage, dpi: number, strokes: readonly Stroke[], d: ScanDistortion): Promise<Buffer> {
  const pxPerMm = dpi / 25.4;
  const { width, height } = blank;
  const raw = { raw: { width, height, channels: 1 as const } };
  const marked = await sharp(Buffer.from(blank.data), raw)
    .composite([{ input: strokesSvg(strokes, width, height, pxPerMm) }])
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  // Turn and scale about the page centre, then cut the scanner's window (page size) shifted by shiftMm.
  const margin = Math.round(0.12 * Math.max(width, height));
  const a = (d.rotateDeg * Math.PI) / 180;
  const s = d.scale;
  const turned = await sharp(marked, raw)
    .extend({ top: margin, bottom: margin, left: margin, right: margin, background: '#ffffff' })
    .affine([[s * Math.cos(a), -s * Math.sin(a)], [s * Math.sin(a), s * Math.cos(a)]], { background: '#ffffff', interpolator: 'bilinear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const tw = turned.info.width;
  const th = turned.info.height;
  const left = Math.round((tw - width) / 2 - d.shiftMm[0] * pxPerMm);
  const top = Math.round((th - height) / 2 - d.shiftMm[1] * pxPerMm);
  let image = sharp(turned.data, { raw: { width: tw, height: th, channels: 1 } }).extract({
    left: Math.max(0, Math.min(tw - width, left)),
    top: Math.max(0, Math.min(th - height, top)),
    width,
    height,
  });
  if (d.quarters === 2) image = image.rotate(180);
  if (d.blurSigma > 0.3) image = image.blur(d.blurSigma);
  return image.toColourspace('b-w').raw().toBuffer();
}
