import { batch, type Signal, signal } from '@preact/signals';
import { FeedbackDetails, type FeedbackExtras } from '../../../components/FeedbackDetails';
import { FeedbackScale } from '../../../components/FeedbackScale';
import { describeShortcut, scoreFromKey } from '../../core';
import type { CapturedFeedback } from '../../messaging';
import { defineFeature, type FeatureHost, type FeedbackCapture, type TicketRun } from './types';

/** How long a score can be taken back with the Undo button. */
export const UNDO_WINDOW_MS = 8_000;

interface FeedbackSlice {
  /** What was recorded or undone here for this ticket; until then, what the host knew (`insights.feedback`). */
  recorded: Signal<{ value?: CapturedFeedback } | undefined>;
  /** The score that can still be undone (for a few seconds after the click). */
  undoable: Signal<string | undefined>;
  /** The follow-up score (second round, after an improvement). */
  followUp: Signal<CapturedFeedback | undefined>;
  /** The optional details (NPS, dimensions, comment) were saved with the current score. */
  detailsSaved: Signal<boolean>;
  error: Signal<string | undefined>;
}

export function currentScore(run: TicketRun, state: FeedbackSlice): CapturedFeedback | undefined {
  const recorded = state.recorded.value;
  const known = run.insights.value?.feedback;
  // The host's newer word on the same score (it synced since) wins over what was recorded here.
  if (recorded && known?.eventId !== recorded.value?.eventId) return recorded.value;
  return known;
}

type Answer = Pick<FeedbackCapture, 'csat' | 'round' | 'nps' | 'dimensions' | 'comment'>;

/** A score for this ticket's customer; the host credits it to whoever is signed in. */
function feedbackEvent(run: TicketRun, answer: Answer): FeedbackCapture {
  const ticket = run.ticket.value;
  return {
    type: 'feedback',
    helpdesk: ticket.helpdesk,
    ticketId: ticket.ticketId,
    customer: { id: ticket.requester?.id, email: ticket.requester?.email, name: ticket.requester?.name },
    retracted: false,
    tierId: run.insights.value?.tier?.id,
    complaintGrade: run.insights.value?.grade,
    ...answer,
  };
}

/** A record that changes the ticket's figures, sent and landed: the ticket's next showing asks afresh. */
async function recording<T>(run: TicketRun, send: () => Promise<T>): Promise<T> {
  run.recorded();
  const answer = await send();
  run.recorded();
  return answer;
}

const capture = (host: FeatureHost, run: TicketRun, event: FeedbackCapture) =>
  recording(run, () => host.captureFeedback(event));

async function score(host: FeatureHost, run: TicketRun, state: FeedbackSlice, csat: number) {
  const answer = await capture(host, run, feedbackEvent(run, { csat, round: 'initial' }));
  if (run.signal.aborted) return;
  if (!answer.ok) {
    state.error.value = host.t('captureFailed', [answer.error]);
    return;
  }
  batch(() => {
    state.recorded.value = { value: answer.value };
    state.detailsSaved.value = false;
    state.error.value = undefined;
    state.undoable.value = answer.value.eventId;
  });
  const eventId = answer.value.eventId;
  const timer = setTimeout(() => {
    if (state.undoable.value === eventId) state.undoable.value = undefined;
  }, UNDO_WINDOW_MS);
  run.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

/** Amends the agent's score for this ticket with what else the customer said (it replaces it, never adds). */
async function saveDetails(host: FeatureHost, run: TicketRun, state: FeedbackSlice, extras: FeedbackExtras) {
  const current = currentScore(run, state);
  if (!current) return;
  const answer = await capture(
    host,
    run,
    feedbackEvent(run, {
      csat: current.csat,
      round: 'initial',
      ...(extras.nps !== undefined ? { nps: extras.nps } : {}),
      ...(Object.keys(extras.dimensions).length ? { dimensions: extras.dimensions } : {}),
      ...(extras.comment ? { comment: extras.comment } : {}),
    }),
  );
  if (run.signal.aborted) return;
  if (!answer.ok) state.error.value = host.t('captureFailed', [answer.error]);
  else
    batch(() => {
      state.recorded.value = { value: answer.value };
      state.detailsSaved.value = true;
      state.error.value = undefined;
    });
}

/** The second score after an improvement: its own round, so before and after can be compared. */
async function followUp(host: FeatureHost, run: TicketRun, state: FeedbackSlice, csat: number) {
  const answer = await capture(host, run, feedbackEvent(run, { csat, round: 'follow_up' }));
  if (run.signal.aborted) return;
  if (answer.ok) state.followUp.value = answer.value;
  else state.error.value = host.t('captureFailed', [answer.error]);
}

async function undo(host: FeatureHost, run: TicketRun, state: FeedbackSlice) {
  const eventId = state.undoable.value;
  if (!eventId) return;
  state.undoable.value = undefined;
  const answer = await recording(run, () => host.undoFeedback(eventId, run.ticket.value));
  if (answer.ok && !run.signal.aborted) state.recorded.value = { value: answer.value };
}

/** One-click satisfaction score, undo, optional details and a follow-up round; works offline through the host. */
export const feedback = defineFeature<FeedbackSlice>({
  id: 'feedback',
  switch: 'feedback',
  strings: [
    'feedbackLabel',
    'feedbackScoreLabel',
    'undoScore',
    'captureFailed',
    'syncState_queued',
    'syncState_synced',
    'syncState_failed',
    'feedbackDetails',
    'npsLabel',
    'notAsked',
    'commentLabel',
    'saveDetails',
    'detailsSaved',
    'followUpLabel',
    'followUpScoreLabel',
    'dimension_product_quality',
    'dimension_response_speed',
    'dimension_staff_professionalism',
    'dimension_value_for_money',
    'dimension_after_sales_support',
    'dimension_ease_of_communication',
  ],
  messages: ['captureFeedback', 'undoFeedback'],
  slice: () => ({
    recorded: signal(undefined),
    undoable: signal(undefined),
    followUp: signal(undefined),
    detailsSaved: signal(false),
    error: signal(undefined),
  }),
  setup({ host, page, signal: pageSignal }) {
    // Alt+Shift+1…5 (or the agent's own keys) scores without leaving the keyboard; neither Zendesk nor Salesforce
    // binds the defaults.
    addEventListener(
      'keydown',
      (event) => {
        const csat = scoreFromKey(page.shortcuts.value.score, event);
        const run = page.active.value;
        if (!csat || !run || !page.features.value.feedback || page.state.value !== 'ready') return;
        event.preventDefault();
        void score(host, run, run.slice(feedback), csat);
      },
      { signal: pageSignal },
    );
  },
  views: {
    bar: ({ host, page, run, state }) => (
      <FeedbackScale
        t={host.t}
        current={currentScore(run, state)}
        onScore={(csat) => void score(host, run, state, csat)}
        onUndo={state.undoable.value ? () => void undo(host, run, state) : undefined}
        keyModifiers={describeShortcut(page.shortcuts.value.score)}
      />
    ),
    details: ({ host, run, state }) => {
      const current = currentScore(run, state);
      return current ? (
        <FeedbackDetails
          // What the agent typed into the form belongs to this ticket only.
          key={run.key}
          t={host.t}
          current={current}
          followUp={state.followUp.value}
          saved={state.detailsSaved.value}
          onSave={(extras) => void saveDetails(host, run, state, extras)}
          onFollowUp={(csat) => void followUp(host, run, state, csat)}
        />
      ) : null;
    },
    footer: ({ state }) =>
      state.error.value ? (
        <p class="dl-error" role="alert">
          {state.error.value}
        </p>
      ) : null,
  },
});
