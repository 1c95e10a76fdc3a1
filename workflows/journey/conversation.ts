/**
 * The conversation with the programme office (exploratory, or evaluation after an aspirant year)
 * and the intake whose outcome routes the school: the first steps of every application track.
 */
import { PlanConversation, RecordConversationReport, RecordIntakeOutcome, RespondToConversation, type ConversationKind } from '../../domain/journey';
import { planConversation, recordConversationReport, recordIntakeOutcome, respondToConversation } from '../contracts/journey';
import { RefusalType } from '../contracts/refusals';
import { actionOpenWhen } from '../../domain/tracks';
import type { Journey } from './kernel';

export function conversationSteps(journey: Journey) {
  const { state, onAction, onlyWhen, notify, enter, record, refuse, refuseField, now, input } = journey;
  const kind = (): ConversationKind => (input.hasAspirantYearBehind ? 'evaluation' : 'exploratory');
  onlyWhen('respondToConversation', () => actionOpenWhen.respondToConversation(state));

  onAction(
    planConversation,
    PlanConversation,
    async ({ startsAt, durationMinutes, location, plannedBy }) => {
      const conversation = {
        kind: kind(),
        number: (state.plannedConversation?.number ?? 0) + 1,
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes,
        location,
        plannedBy,
        response: null,
      };
      state.plannedConversation = conversation;
      notify({ kind: 'conversation-planned', conversation });
      // Now the school is asked to confirm, before the conversation starts.
      await enter('conversation', 'school', conversation.startsAt, { type: 'conversation_planned', conversation }, plannedBy);
    },
    ({ startsAt }) => {
      if (Date.parse(startsAt) <= Date.now()) refuseField('startsAt', 'Kies een moment in de toekomst.');
    },
  );

  onAction(
    respondToConversation,
    RespondToConversation,
    async ({ answer, note }) => {
      const conversation = { ...state.plannedConversation!, response: { answer, note, at: now() } };
      state.plannedConversation = conversation;
      const event = { type: 'conversation_answered', conversation } as const;
      // Confirmed: the office holds the conversation. Another moment: the office plans again.
      await enter('conversation', 'office', answer === 'confirm' ? conversation.startsAt : null, event, 'school');
    },
    () => {
      const planned = state.plannedConversation;
      if (!planned) return refuse(RefusalType.notNow, 'Er is nog geen gesprek gepland om op te antwoorden.');
      if (planned.response) refuse(RefusalType.notNow, 'Op deze uitnodiging is al geantwoord.');
    },
  );

  onAction(recordConversationReport, RecordConversationReport, async ({ conductedOn, report, recordedBy }) => {
    state.conversation = { kind: kind(), conductedOn, report, recordedBy };
    await record({ type: 'conversation_recorded', kind: state.conversation.kind, conductedOn, report }, recordedBy);
  });

  onAction(recordIntakeOutcome, RecordIntakeOutcome, async ({ outcome, notes, recordedBy }) => {
    state.intake = { outcome, notes, recordedBy };
    await record({ type: 'intake_recorded', outcome, notes }, recordedBy);
  });
}
