/**
 * Reads one scanned page: its QR code (which form, which page, which layout), its orientation (from the
 * QR code's own corners, so an upside-down or sideways sheet is turned back), registration (the four
 * fiducials → homography, refused when a fiducial is missing, the fit's residual is too large or the
 * printed boxes are not where the registration puts them), every box measured and classified, and the
 * question rules. Pure apart from the QR decoder.
 */
import { AppError } from '../../errors/appError';
import { parsePagePayload, type PageIdentity } from '../pageIdentity';
import { classifyBox, DEFAULT_BANDS, type BoxState, type ClassificationBands } from './classifyBox';
import { FIDUCIAL_CENTRES_MM, findFiducials, PAGE_HEIGHT_MM, PAGE_WIDTH_MM } from './findFiducials';
import { inkLevels, isBlackAndWhite, rotateQuarter, type GreyImage } from './greyImage';
import { affineResidual, applyHomography, fitHomography, type Homography, type Point } from './homography';
import { measureBox, type BoxMeasurement, type BoxMm } from './measureBox';
import { choiceAnswers, digitAnswers, type ScannedAnswer } from './questionRules';
import { readQrCodes, type QrReading } from './readQr';

/** A choice box of the layout. */
export interface LayoutChoiceBox extends BoxMm {
  readonly question: string;
  /** The choice value as text, as written to the answers file. */
  readonly value: string;
  /** The value as the questionnaire stores it (a number for ratings). */
  readonly rawValue: unknown;
  readonly multiple: boolean;
}

/** A digit box of the layout (one handwritten digit). */
export interface LayoutDigitBox extends BoxMm {
  readonly question: string;
}

/** What reading needs to know about one printed page. */
export interface ScanLayoutPage {
  readonly boxes: readonly LayoutChoiceBox[];
  readonly digitBoxes: readonly LayoutDigitBox[];
}

/** Finds the layout page of an identified page, or says why not (unknown questionnaire, hash mismatch). */
export type LayoutLookup = (identity: PageIdentity) => Promise<ScanLayoutPage | string>;

/** A rectangle in the (turned) page image, pixels. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface ReadBox extends LayoutChoiceBox {
  readonly measurement: BoxMeasurement;
  readonly state: BoxState;
}

export interface ReadDigitBox extends LayoutDigitBox {
  readonly measurement: BoxMeasurement;
}

export type PageReading =
  | { readonly kind: 'unidentified'; readonly reason: string }
  | { readonly kind: 'refused'; readonly identity: PageIdentity; readonly payload: string; readonly reason: string }
  | {
      readonly kind: 'read';
      readonly identity: PageIdentity;
      readonly payload: string;
      /** Largest distance of a fiducial from the affine fit, mm. */
      readonly residualMm: number;
      /** Scanned in black and white (1 bit): a light pen may have vanished in the scanner (isBlackAndWhite). */
      readonly blackAndWhite: boolean;
      /** The page image turned upright, and page mm → its pixels. */
      readonly image: GreyImage;
      readonly homography: Homography;
      readonly boxes: readonly ReadBox[];
      readonly digitBoxes: readonly ReadDigitBox[];
      readonly answers: readonly ScannedAnswer[];
    };

/**
 * Fiducials further than this from a flat page's affine fit refuse the page. With four corners, one
 * fiducial off by d shows as a residual of about d / 4: 0.5 mm refuses a corner 2 mm out of place.
 */
export const MAX_RESIDUAL_MM = 0.5;
/** Median share of the printed box strokes found; below it the page is refused as not registered. */
export const MIN_BORDER_SHARE = 0.55;

/**
 * Reads one page image. Never throws for a bad page: it says `unidentified` (no readable QR code of this
 * platform) or `refused` (identified, but registration is not trustworthy) with a reason in English.
 */
export async function readPage(original: GreyImage, lookup: LayoutLookup, bands: ClassificationBands = DEFAULT_BANDS): Promise<PageReading> {
  let image = original.width > original.height ? rotateQuarter(original, 1) : original;
  let qr = await findPageQr(image);
  if (qr === null) return { kind: 'unidentified', reason: 'no QR code of a printed form found' };
  let identity: PageIdentity;
  try {
    identity = parsePagePayload(qr.text);
  } catch (err) {
    if (err instanceof AppError) return { kind: 'unidentified', reason: `QR code '${qr.text.slice(0, 60)}' is not a page of a printed form` };
    throw err;
  }
  const payload = qr.text;
  // The code's own top edge points along the page's x axis: turn the image until it does.
  const quarters = quartersToUpright(qr);
  if (quarters !== 0) {
    image = rotateQuarter(image, quarters);
    const again = await findPageQr(image);
    if (again === null || again.text !== payload) return { kind: 'refused', identity, payload, reason: 'QR code lost after turning the page upright' };
    qr = again;
  }
  const layout = await lookup(identity);
  if (typeof layout === 'string') return { kind: 'refused', identity, payload, reason: layout };

  const levels = inkLevels(image);
  const pxPerMm = (image.width / PAGE_WIDTH_MM + image.height / PAGE_HEIGHT_MM) / 2;
  const fiducials = findFiducials(image, levels.paper - 0.5 * (levels.paper - levels.ink), pxPerMm);
  if (fiducials.missing.length > 0) return { kind: 'refused', identity, payload, reason: `fiducial not found: ${fiducials.missing.join(', ')}` };
  const residualMm = affineResidual(FIDUCIAL_CENTRES_MM, fiducials.centres) / pxPerMm;
  if (!(residualMm <= MAX_RESIDUAL_MM)) {
    return { kind: 'refused', identity, payload, reason: `registration residual ${residualMm.toFixed(2)} mm exceeds ${MAX_RESIDUAL_MM} mm (folded, cropped or distorted page)` };
  }
  const homography = fitHomography(FIDUCIAL_CENTRES_MM, fiducials.centres);
  const scale = Math.hypot(...sub(applyHomography(homography, 198, 12), applyHomography(homography, 12, 12))) / 186;
  if (scale < 0.75 * pxPerMm || scale > 1.33 * pxPerMm) return { kind: 'refused', identity, payload, reason: 'fiducials do not span an A4 page' };

  const threshold = levels.paper - 0.3 * (levels.paper - levels.ink);
  const blackAndWhite = isBlackAndWhite(image);
  const pageBands = blackAndWhite ? { ...bands, emptyBelow: bands.emptyBelowBlackAndWhite } : bands;
  const all = [...layout.boxes, ...layout.digitBoxes];
  const boxes: ReadBox[] = layout.boxes.map((b) => {
    const measurement = measureBox(image, homography, b, threshold, scale, all);
    return { ...b, measurement, state: classifyBox(measurement, pageBands) };
  });
  const digitBoxes: ReadDigitBox[] = layout.digitBoxes.map((b) => ({ ...b, measurement: measureBox(image, homography, b, threshold, scale, all) }));
  const borders = [...boxes, ...digitBoxes].map((b) => b.measurement.border).sort((a, b) => a - b);
  if (borders.length > 0) {
    const median = borders[Math.floor(borders.length / 2)]!;
    const lost = borders.filter((b) => b < MIN_BORDER_SHARE).length;
    // Most boxes must show their outline where registration puts them, and hardly any may miss it.
    if (median < MIN_BORDER_SHARE || lost > Math.max(1, 0.1 * borders.length)) {
      return { kind: 'refused', identity, payload, reason: `the printed boxes are not where the registration puts them (${Math.round(median * 100)} % of their outline found, ${lost} of ${borders.length} boxes not found)` };
    }
  }
  return { kind: 'read', identity, payload, residualMm, blackAndWhite, image, homography, boxes, digitBoxes, answers: pageAnswers(boxes, digitBoxes) };
}

/** The question rules over a page's boxes, questions in printed order. */
export function pageAnswers(boxes: readonly ReadBox[], digitBoxes: readonly ReadDigitBox[]): ScannedAnswer[] {
  const order: string[] = [];
  const choice = new Map<string, ReadBox[]>();
  const digits = new Map<string, number[]>();
  for (const b of boxes) {
    if (!choice.has(b.question) && !digits.has(b.question)) order.push(b.question);
    choice.set(b.question, [...(choice.get(b.question) ?? []), b]);
  }
  for (const d of digitBoxes) {
    if (!choice.has(d.question) && !digits.has(d.question)) order.push(d.question);
    digits.set(d.question, [...(digits.get(d.question) ?? []), d.measurement.inside]);
  }
  const answers: ScannedAnswer[] = [];
  for (const q of order) {
    const c = choice.get(q);
    if (c !== undefined) answers.push(...choiceAnswers(q, c.some((b) => b.multiple), c));
    const d = digits.get(q);
    if (d !== undefined) answers.push(...digitAnswers(q, d));
  }
  return answers;
}

/**
 * The pixel rectangle of a page region (mm) in the upright image, with a margin, clipped to the image:
 * what a person sees in the verification queue.
 */
export function cropRect(image: GreyImage, homography: Homography, region: BoxMm, marginMm = 3): PixelRect {
  const corners = [
    applyHomography(homography, region.xMm - marginMm, region.yMm - marginMm),
    applyHomography(homography, region.xMm + region.wMm + marginMm, region.yMm - marginMm),
    applyHomography(homography, region.xMm - marginMm, region.yMm + region.hMm + marginMm),
    applyHomography(homography, region.xMm + region.wMm + marginMm, region.yMm + region.hMm + marginMm),
  ];
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1]))));
  const x1 = Math.min(image.width, Math.ceil(Math.max(...corners.map((c) => c[0]))));
  const y1 = Math.min(image.height, Math.ceil(Math.max(...corners.map((c) => c[1]))));
  return { x: x0, y: y0, w: Math.max(1, x1 - x0), h: Math.max(1, y1 - y0) };
}

function sub(a: Point, b: Point): [number, number] {
  return [a[0] - b[0], a[1] - b[1]];
}

/** Quarter turns clockwise that make the QR code's top edge point right. */
function quartersToUpright(qr: QrReading): 0 | 1 | 2 | 3 {
  const [dx, dy] = sub(qr.topRight, qr.topLeft);
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? 0 : 2;
  // Top edge pointing down the image: the page lies turned clockwise; one counter-clockwise turn (3) fixes it.
  return dy > 0 ? 3 : 1;
}

/**
 * The platform's QR code on a page: it is printed at the top centre, so the top strip is tried first, then
 * the bottom strip (a sheet fed upside down), then the whole page, then a thresholded copy of it.
 */
async function findPageQr(image: GreyImage): Promise<QrReading | null> {
  const ours = (list: QrReading[]) => list.find((r) => r.text.startsWith('FBQ1;')) ?? list[0] ?? null;
  const strip = Math.round(image.height * 0.2);
  for (const window of [
    { x: 0, y: 0, w: image.width, h: strip },
    { x: 0, y: image.height - strip, w: image.width, h: strip },
    undefined,
  ]) {
    const found = ours(await readQrCodes(image, window));
    if (found !== null) return found;
  }
  const { threshold } = inkLevels(image);
  const clean = new Uint8Array(image.data.length);
  for (let i = 0; i < clean.length; i++) clean[i] = image.data[i]! < threshold ? 0 : 255;
  return ours(await readQrCodes({ width: image.width, height: image.height, data: clean }));
}
