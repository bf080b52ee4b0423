// Printed questionnaires: the layout of every page (pure), the page identity in its QR code, the
// questionnaire behind an id@version, and the PDF drawn from the layout.
export { BOX_CLEARANCE_MM, PAPER_GEOMETRY, layoutHashOf, lineHeightMm, paperLayout, pdfFontName, type ChoiceBox, type DigitBox, type PaperLang, type PaperLayout, type PaperLayoutOptions, type PaperPage, type TextArea, type TextFont, type TextItem } from './paperLayout';
export { IDENTIFIER_PATTERN, PAGE_PAYLOAD_TAG, pagePayload, parsePagePayload, parseQuestionnaireRef, type PageIdentity } from './pageIdentity';
export { resolveQuestionnaire, type QuestionnaireSource, type ResolvedQuestionnaire } from './resolveQuestionnaire';
export { layoutForPage } from './layoutForPage';
export { paperFormsPdf, paperFormsPdfStream, type PaperFormPdfOptions } from './paperFormPdf';
export { layoutFile, type LayoutFile } from './layoutFile';
