/**
 * The fixed marks of every printed page, in millimetres from the top-left corner of an A4 sheet
 * (docs/paper-forms.md). The scan import finds the fiducials and the QR code at these places before it
 * knows anything else about the page, so these numbers never depend on the questionnaire or the
 * print options; changing one makes every page printed before unreadable.
 */
export const PAPER_GEOMETRY = {
  page: { widthMm: 210, heightMm: 297 },
  /** Centres of the solid fiducial squares. */
  fiducials: [
    { xMm: 12, yMm: 12 },
    { xMm: 198, yMm: 12 },
    { xMm: 12, yMm: 285 },
    { xMm: 198, yMm: 285 },
  ],
  fiducialSizeMm: 6,
  /** Nothing else is printed within this distance of a fiducial centre. */
  fiducialClearMm: 10,
  /** The QR code: a square, top-left corner and side. */
  qr: { xMm: 94, yMm: 5, sizeMm: 22 },
  /** The readable line with the QR text: centred on xMm, its line box from yMm. */
  readableLine: { xMm: 105, yMm: 29, sizePt: 6.5 },
  boxStrokeMm: 0.35,
  /** Where questions go. */
  content: { leftMm: 20, rightMm: 190, topMm: 38, bottomMm: 268 },
  /** Page number and "continue" line. */
  footerYMm: 273,
} as const;

/**
 * Minimum distance between a box and any other box or text: the scan looks for stray ink in a band
 * around each box, and a neighbouring mark or letter inside that band would read as a cross.
 */
export const BOX_CLEARANCE_MM = 3;
