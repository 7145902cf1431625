import { type Signal, signal } from '@preact/signals';
import { type ScriptStatus, ScriptSuggestions } from '../../../components/ScriptSuggestions';
import type { TicketContextInput } from '../../schema/ticket';
import { scriptSearch } from './script-search';
import {
  defineFeature,
  type FeatureHost,
  type InsertOutcome,
  type ScriptUsageCapture,
  type SuggestedScript,
  type TicketRun,
} from './types';

interface ScriptsSlice {
  /** What became of the last script the agent used on this ticket, and their thumbs for it. */
  status: Signal<ScriptStatus | undefined>;
}

/** The one shape of a script usage event (inserted, copied, rated, sent). */
export function scriptUsage(
  ticket: Pick<TicketContextInput, 'helpdesk' | 'ticketId'>,
  script: { id: string; version: number },
  action: ScriptUsageCapture['action'],
  extra: Pick<ScriptUsageCapture, 'editedBeforeSend'> = {},
): ScriptUsageCapture {
  return {
    type: 'script_usage',
    helpdesk: ticket.helpdesk,
    ticketId: ticket.ticketId,
    scriptId: script.id,
    scriptVersion: script.version,
    action,
    ...extra,
  };
}

/**
 * Into the reply editor; where the editor refuses it, or takes it and does not keep it, onto the clipboard, and the
 * agent is told which — never "inserted" for text the reply will not carry.
 */
export async function insertScript(host: FeatureHost, run: TicketRun, script: SuggestedScript): Promise<void> {
  const state = run.slice(scripts);
  const ticket = run.ticket.value;
  const outcome = await host.insertReply(script.text).catch((): InsertOutcome => ({ inserted: false }));
  if (outcome.inserted) host.followSent?.(ticket, script, outcome);
  let action: 'inserted' | 'copied' = 'inserted';
  if (!outcome.inserted) {
    const copied = await navigator.clipboard?.writeText(script.text).then(
      () => true,
      () => false,
    );
    if (!copied) {
      state.status.value = { scriptId: script.id, message: host.t('scriptInsertFailed') };
      return;
    }
    action = 'copied';
  }
  state.status.value = {
    scriptId: script.id,
    message: host.t(
      action === 'inserted' ? 'scriptInserted' : outcome.failure === 'not-kept' ? 'scriptNotKept' : 'scriptCopied',
    ),
  };
  host.captureScriptUsage(scriptUsage(ticket, script, action));
}

/** Thumbs up or down for trainers, once per insertion. */
export function rateScript(
  host: FeatureHost,
  run: TicketRun,
  script: SuggestedScript,
  rating: 'rated_up' | 'rated_down',
) {
  const state = run.slice(scripts);
  const status = state.status.value;
  if (!status || status.scriptId !== script.id || status.rated) return;
  state.status.value = { ...status, rated: rating, message: host.t('scriptRated') };
  host.captureScriptUsage(scriptUsage(run.ticket.value, script, rating));
}

/** The best standard scripts for this ticket, filled in for this customer, with why; Insert puts one in the reply. */
export const scripts = defineFeature<ScriptsSlice>({
  id: 'scripts',
  switch: 'scripts',
  strings: [
    'scriptsLabel',
    'scriptsNone',
    'insertScript',
    'scriptMissing',
    'scriptInserted',
    'scriptCopied',
    'scriptNotKept',
    'scriptInsertFailed',
    'scriptRated',
    'rateScript',
    'rateUp',
    'rateDown',
    'reasonWords',
    'reasonTag',
    'reasonTier',
    'reasonUrgent',
    'reasonComplaint',
    'reasonPhrase',
    'reasonSynonym',
    'reasonOpening',
    'reasonLearned',
    'reasonSituation',
    'reasonRestricted',
  ],
  messages: ['insights', 'insertReply', 'captureScriptUsage'],
  slice: () => ({ status: signal(undefined) }),
  views: {
    details: ({ host, run, state }) => {
      // While the agent searches, the results stand in for the suggestions.
      if (run.slice(scriptSearch).query.value.trim()) return null;
      return (
        <ScriptSuggestions
          scripts={run.insights.value?.scripts ?? []}
          t={host.t}
          onInsert={(script) => void insertScript(host, run, script)}
          onRate={(script, rating) => rateScript(host, run, script, rating)}
          status={state.status.value}
        />
      );
    },
  },
});
