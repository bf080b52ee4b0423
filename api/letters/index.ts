export { defaultLetterTemplate, formatLetterDate, type DefaultLetterOptions } from './defaultLetterTemplate';
export { LETTER_PLACEHOLDERS, checkTemplatePlaceholders, fillPlaceholders } from './fillTemplate';
export { validateLetterInputs, type LetterInput, type LetterTemplate } from './letterTypes';
export { LETTER_CSV_COLUMNS, lettersCsv } from './lettersCsv';
export { LETTER_LAYOUT, lettersPdf, type LettersPdfOptions } from './lettersPdf';
export { encodeQr, type QrEncoder, type QrMatrix } from './qrMatrix';
export { checkedSurveyBaseUrl, surveyLink } from './surveyLink';
export { toWinAnsi } from './winAnsi';
