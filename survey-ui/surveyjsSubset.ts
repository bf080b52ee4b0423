import { parseAst, type Plugin } from 'vite';

/**
 * Build-time subset of SurveyJS for the resident page.
 *
 * survey-core and survey-react-ui ship as one module each and register every question type at load
 * time (`Serializer.addClass("matrixdropdown", …)`, decorators, `ReactQuestionFactory…register…`).
 * Those top-level calls are side effects, so the bundler keeps every class although the platform
 * only accepts the types in {@link SUPPORTED_ELEMENT_TYPES} (the server's questionnaire check,
 * api/questionnaire/surveyModel.ts, rejects the rest). This plugin removes the registrations of the
 * unsupported types; the bundler's tree-shaking then drops their classes. The resident page gets
 * smaller without losing anything a stored questionnaire can contain.
 *
 * Safety: a class whose registrations were removed but which other kept code still references
 * would survive without its decorators. {@link surveyjsSubset} therefore fails the build when any
 * of {@link UNSUPPORTED_CORE_CLASSES} is still present in a rendered chunk.
 */

/** Element types a stored questionnaire may contain: answer, display and container types of api/questionnaire/surveyModel.ts. */
export const SUPPORTED_ELEMENT_TYPES = ['text', 'comment', 'radiogroup', 'dropdown', 'checkbox', 'tagbox', 'rating', 'boolean', 'html', 'image', 'panel'] as const;

/**
 * survey-core serializer classes (JSON `type` names and their helper classes) that no supported
 * element needs. `expression` is the read-only expression *question*; expression *validators* are
 * the separate class `expressionvalidator` and stay.
 */
export const UNSUPPORTED_CORE_TYPES = [
  'matrixbase', 'matrix', 'matrixcolumn', 'matrixdropdownbase', 'matrixdropdown', 'matrixdynamic', 'matrixdropdowncolumn',
  'multipletext', 'multipletextitem',
  'paneldynamic',
  'file', 'signaturepad',
  'ranking', 'slider', 'sliderlabel',
  'imagepicker', 'imageitemvalue', 'imagemap', 'imagemaparea',
  'buttongroup', 'buttongroupitemvalue',
  'expression',
] as const;

/** survey-core classes that must disappear from the bundle once their registrations are gone. */
export const UNSUPPORTED_CORE_CLASSES = [
  'QuestionMatrixBaseModel', 'QuestionMatrixModel', 'QuestionMatrixDropdownModelBase', 'QuestionMatrixDropdownModel', 'QuestionMatrixDynamicModel', 'MatrixDropdownColumn', 'QuestionMatrixDropdownRenderedTable',
  'QuestionMultipleTextModel', 'MultipleTextItemModel',
  'QuestionPanelDynamicModel',
  'QuestionFileModel', 'QuestionFileModelBase', 'QuestionSignaturePadModel', 'SignaturePad',
  'QuestionRankingModel', 'QuestionSliderModel',
  'QuestionImagePickerModel', 'ImageItemValue', 'QuestionImageMapModel', 'ImageMapArea',
  'QuestionButtonGroupModel', 'ButtonGroupItemValue',
  'QuestionExpressionModel',
] as const;

/** survey-react-ui component names (question types and their parts) registered only for unsupported types. */
export const UNSUPPORTED_REACT_COMPONENTS = [
  'matrix', 'survey-matrix-cell', 'sv-matrix-row', 'sv-matrix-drag-drop-icon',
  'matrixdropdown', 'matrixdynamic', 'sv-matrixdynamic-actions-cell', 'sv-placeholder-matrixdynamic',
  'multipletext',
  'paneldynamic', 'sv-placeholder-paneldynamic', 'sv-paneldynamic-progress-text',
  'file', 'sv-file-choose-btn', 'sv-file-preview', 'sv-file-item', 'signaturepad',
  'ranking', 'sv-ranking-item', 'slider', 'sv-slider-label-item',
  'imagepicker', 'imagemap',
  'buttongroup', 'sv-buttongroup-dropdown',
  'expression',
] as const;

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/** `a.b.c` of a member-expression chain, or null for anything else. */
function dottedName(node: Node | undefined): string | null {
  if (!node) return null;
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression' && !node.computed) {
    const object = dottedName(node.object as Node);
    return object === null ? null : `${object}.${(node.property as Node).name as string}`;
  }
  return null;
}

function firstStringArgument(call: Node): string | null {
  const first = (call.arguments as Node[])[0];
  return first?.type === 'Literal' && typeof first.value === 'string' ? first.value : null;
}

const REGISTRATIONS = new Set([
  'Serializer.addClass',
  'Serializer.addProperty',
  'Serializer.addProperties',
  'QuestionFactory.Instance.registerQuestion',
  'ElementFactory.Instance.registerElement',
  'ReactQuestionFactory.Instance.registerQuestion',
  'ReactElementFactory.Instance.registerElement',
  'RendererFactory.Instance.registerRenderer',
]);

/**
 * Source ranges of the top-level statements that register one of `types` or decorate/extend one
 * of `classes`: registration calls whose first argument names a type, `__decorate(…, Class…)`,
 * assignments to static members (`Class.x = …`) and to a type's property metadata
 * (`Serializer.getProperty("type", …).x = …`).
 * Cost: O(top-level statements).
 */
export function unsupportedRegistrations(program: { body: Node[] }, types: ReadonlySet<string>, classes: ReadonlySet<string>): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement') continue;
    const expression = statement.expression as Node;
    if (expression.type === 'CallExpression') {
      const callee = dottedName(expression.callee as Node);
      if (callee !== null && REGISTRATIONS.has(callee)) {
        const type = firstStringArgument(expression);
        if (type !== null && types.has(type)) ranges.push(statement);
      } else if (callee === '__decorate') {
        const target = dottedName((expression.arguments as Node[])[1]);
        if (target !== null && classes.has(target.split('.')[0]!)) ranges.push(statement);
      }
    } else if (expression.type === 'AssignmentExpression') {
      const left = expression.left as Node;
      const target = dottedName(left);
      if (target !== null && target.includes('.') && classes.has(target.split('.')[0]!)) ranges.push(statement);
      // `Serializer.getProperty("imagepicker", "choices").type = …` adjusts a removed class.
      const object = left.type === 'MemberExpression' ? (left.object as Node) : undefined;
      if (object?.type === 'CallExpression' && dottedName(object.callee as Node) === 'Serializer.getProperty') {
        const type = firstStringArgument(object);
        if (type !== null && types.has(type)) ranges.push(statement);
      }
    }
  }
  return ranges;
}

function removeRanges(code: string, ranges: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    out += code.slice(at, start);
    at = end;
  }
  return out + code.slice(at);
}

/**
 * Unsupported survey-core classes still present in bundled code: by class name (unminified code)
 * or by their `getType() { return "<type>" }` method, which survives minification.
 * Cost: O(code length × listed classes).
 */
export function survivingUnsupportedClasses(code: string, types: readonly string[] = UNSUPPORTED_CORE_TYPES, classes: readonly string[] = UNSUPPORTED_CORE_CLASSES): string[] {
  const byName = classes.filter((name) => new RegExp(`\\bclass ${name}\\b`).test(code));
  const byType = types.filter((type) => new RegExp(`getType\\(\\)\\s*\\{\\s*return\\s*["'\`]${type}["'\`];?\\s*\\}`).test(code)).map((type) => `type '${type}'`);
  return [...byName, ...byType];
}

const CORE_MODULE = /\/node_modules\/survey-core\/fesm\/survey-core\.mjs$/;
const REACT_MODULE = /\/node_modules\/survey-react-ui\/fesm\/survey-react-ui\.mjs$/;

/** Vite plugin: see the module comment. Production builds only; the dev server serves SurveyJS unchanged. */
export function surveyjsSubset(): Plugin {
  const coreTypes = new Set<string>(UNSUPPORTED_CORE_TYPES);
  const coreClasses = new Set<string>(UNSUPPORTED_CORE_CLASSES);
  const reactComponents = new Set<string>(UNSUPPORTED_REACT_COMPONENTS);
  return {
    name: 'surveyjs-subset',
    apply: 'build',
    transform(code, id) {
      const isCore = CORE_MODULE.test(id);
      if (!isCore && !REACT_MODULE.test(id)) return null;
      const program = parseAst(code) as unknown as { body: Node[] };
      const ranges = isCore ? unsupportedRegistrations(program, coreTypes, coreClasses) : unsupportedRegistrations(program, reactComponents, new Set());
      if (ranges.length === 0) this.error(`surveyjs-subset: no registrations found in ${id}; has the SurveyJS version changed?`);
      return { code: removeRanges(code, ranges), map: null };
    },
    renderChunk(code, chunk) {
      if (!chunk.moduleIds.some((id) => CORE_MODULE.test(id))) return null;
      const kept = survivingUnsupportedClasses(code);
      if (kept.length > 0) this.error(`surveyjs-subset: ${kept.join(', ')} still referenced by kept survey-core code in ${chunk.fileName}; remove them from the UNSUPPORTED lists or remove the reference`);
      return null;
    },
  };
}
