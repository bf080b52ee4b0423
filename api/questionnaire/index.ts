// Questionnaire definitions and their server-side checks: pure functions over SurveyJS JSON.
export { questionnaireProblems, type QuestionnaireProblem } from './questionnaireProblems';
export { type Locale, type LocalizedText, type QuestionnaireJson, ANSWER_TYPES, DISPLAY_TYPES, createModel, localized, withGermanDefault } from './surveyModel';
export { FAMILY_LIFE_QUALITY_ID, QUESTIONNAIRES, loadQuestionnaire, type QuestionnaireDefinition } from './registry';
export { QUESTION_NAME_PATTERN, parseQuestionnaire } from './parseQuestionnaire';
export { validateAnswers, type AnswerError, type AnswerValidation, type ValidateAnswersOptions } from './validateAnswers';
export { questionCatalogue, type CatalogueChoice, type CatalogueQuestion } from './questionCatalogue';
export { compareVersions, questionDifferences, type QuestionChange, type QuestionDifference, type VersionComparison } from './compareVersions';
export { simulateAnswers, type SimulationProfile, type UniformRandom } from './simulate';
export { answerValidatorFor, compileAnswerValidator, type AnswerValidator } from './compileAnswerValidator';
export { checkQuestionnaire, problemLine, type CheckOptions, type CheckProblem, type IndicatorReference, type QuestionnaireCheck } from './checkQuestionnaire';
export { DIFF_CHANGES, diffDetail, diffVersions, type DiffChange, type VersionDiffOptions, type VersionDiffRow } from './versionDiff';
export { questionRenames } from './questionRenames';
export { answersUnderCurrentNames } from './answersUnderCurrentNames';
