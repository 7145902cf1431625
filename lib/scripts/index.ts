export { ANALYZER_VERSION, analyze, containsHan, indexTerms, lexiconFromKeys } from './analyze';
export { DEFAULT_CATALOG } from './default-catalog';
export { normalizeForMatching } from './normalize';
export { computePriors, priorMultiplier, type ScriptPrior, type ScriptSignals } from './priors';
export {
  createScriptIndex,
  detectLocale,
  indexKey,
  type RankingSettings,
  type ScriptIndex,
  type StoredIndex,
  type Suggestion,
  type SuggestionContext,
  type SuggestionReason,
  type SuggestOptions,
} from './rank';
export { type RenderedTemplate, renderTemplate, type TemplateVariables, ticketVariables, toHtml } from './template';
