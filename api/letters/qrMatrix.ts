import QRCode from 'qrcode';

/** A QR symbol as a square grid of dark/light modules (without quiet zone). */
export interface QrMatrix {
  size: number;
  isDark(row: number, column: number): boolean;
}

/** Turns a text into a QR symbol; injectable so tests can see what each letter encodes. */
export type QrEncoder = (text: string) => QrMatrix;

/**
 * QR symbol for a letter link, error correction level M (15 % of the symbol may be damaged —
 * enough for a folded, posted letter while keeping the symbol small, version 2–3 for our links).
 * Drawn as vector rectangles, so it stays sharp at any print resolution.
 * @example encodeQr('https://familie.gera.de/t/ABCDEFGHJKMNPQ').size // → 25 (version 2)
 */
export const encodeQr: QrEncoder = (text) => {
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size } = symbol.modules;
  return { size, isDark: (row, column) => Boolean(symbol.modules.get(row, column)) };
};
