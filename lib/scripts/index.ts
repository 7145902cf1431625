export { DEFAULT_CATALOG } from './default-catalog';
export {
  createScriptIndex,
  detectLocale,
  type ScriptIndex,
  type Suggestion,
  type SuggestionContext,
  type SuggestionReason,
  type SuggestOptions,
} from './rank';
export { type RenderedTemplate, renderTemplate, type TemplateVariables, ticketVariables, toHtml } from './template';
export { containsHan, tokenize } from './tokenize';
