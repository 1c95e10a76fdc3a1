/**
 * A case's timeline: every recorded step of its journey and every mail sent about it, in the order
 * they happened. Steps come from the audit trail, mails from the outbox (with their delivery state,
 * so a mail the server keeps refusing shows as such).
 */
import { z } from '../../domain/zod';
import {
  applicationSavedLabel,
  aspirantOutcomeLabel,
  conversationAnswerLabel,
  decisionLabel,
  enrolmentChangeLabel,
  journeyEventLabel,
  type EnrolmentChange,
} from '../../domain/labels';
import { closingOutcomeLabel, intakeOutcomeLabel, phaseLabel, type ClosingOutcome, type IntakeOutcome, type JourneyPhase } from '../../domain/journey';
import { formKindLabel, type FormKind } from '../../domain/forms';
import { developmentThemeLabel, type DevelopmentTheme } from '../../domain/development-groups';
import type { JourneyEventType } from '../../domain/journey-step';
import { formatMoment } from '../../mail/format';
import type { Db } from '../../platform/db';

export const TimelineEntry = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('step'),
      at: z.iso.datetime(),
      seq: z.number().int(),
      actor: z.string(),
      type: z.string(),
      detail: z.string().nullable().describe('What the step decided, in a few words (a phase, an outcome, a reason)'),
      label: z.string().describe('The step in Dutch, as the case page shows it: what happened and what it decided'),
    }),
    z.object({
      kind: z.literal('mail'),
      at: z.iso.datetime().describe('When it was sent, or asked for while it is pending'),
      purpose: z.string(),
      subject: z.string(),
      status: z.enum(['pending', 'sent']),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
  ])
  .openapi('TimelineEntry');
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export async function journeyTimeline(db: Db, journeyId: string): Promise<TimelineEntry[]> {
  const [steps, mails] = await Promise.all([
    db.auditEvent.findMany({ where: { journeyId }, orderBy: { seq: 'asc' }, select: { at: true, seq: true, actor: true, type: true, data: true } }),
    db.outboxMail.findMany({
      where: { journeyId },
      select: { requestedAt: true, sentAt: true, purpose: true, subject: true, status: true, attempts: true, lastError: true },
    }),
  ]);
  const entries: TimelineEntry[] = [
    ...steps.map((s) => ({
      kind: 'step' as const,
      at: s.at.toISOString(),
      seq: s.seq,
      actor: s.actor,
      type: s.type,
      detail: detailOf(s.data as Partial<Record<string, unknown>>),
      label: stepLabel(s.type, s.data as Partial<Record<string, unknown>>),
    })),
    ...mails.map((m) => ({
      kind: 'mail' as const,
      at: (m.sentAt ?? m.requestedAt).toISOString(),
      purpose: m.purpose,
      subject: m.subject,
      status: m.status === 'sent' ? ('sent' as const) : ('pending' as const),
      attempts: m.attempts,
      lastError: m.lastError,
    })),
  ];
  // Stable: steps keep their order among themselves when moments tie.
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** The few words a timeline shows for a step, from the event it recorded. */
function detailOf(event: Partial<Record<string, unknown>>): string | null {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const nested = (key: string, field: string) => text((event[key] as Record<string, unknown> | undefined)?.[field]);
  switch (event.type) {
    case 'phase_entered':
      return text(event.phase);
    case 'intake_recorded':
      return text(event.outcome);
    case 'conversation_planned':
      return nested('conversation', 'startsAt');
    case 'conversation_answered':
      return (event.conversation as { response?: { answer?: string } } | undefined)?.response?.answer ?? null;
    case 'application_decided':
      return nested('application', 'status');
    case 'enrolment_changed':
      return [text(event.change), text(event.trajectoryId)].filter(Boolean).join(': ');
    case 'form_requested':
    case 'form_reminded':
    case 'form_answered':
    case 'form_missed':
      return [nested('form', 'kind'), nested('form', 'scope')].filter(Boolean).join(' ');
    case 'registration_submitted':
    case 'cohort_place_granted': {
      const registration = event.registration as { cohortId?: string; theme?: string; place?: string } | undefined;
      return [registration?.cohortId, registration?.theme, registration?.place].filter(Boolean).join(' ') || null;
    }
    case 'development_group_assigned':
      return nested('group', 'groupId');
    case 'journey_closed':
      return [text(event.outcome), text(event.reason)].filter(Boolean).join(': ') || null;
    default:
      return null;
  }
}

/**
 * The step in Dutch: its label, and what it decided in words a person reads (never a code). An event
 * type Koers no longer writes still reads as a step, not as its code.
 */
export function stepLabel(type: string, event: Partial<Record<string, unknown>>): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const field = (key: string, name: string) => text((event[key] as Record<string, unknown> | undefined)?.[name]);
  const of = <K extends string>(labels: Record<K, string>, value: unknown) => (typeof value === 'string' && value in labels ? labels[value as K] : undefined);
  const title = of(journeyEventLabel, type) ?? 'Stap vastgelegd';
  const withDetail = (...parts: (string | undefined | null)[]) => {
    const detail = parts.filter(Boolean).join(', ');
    return detail ? `${title}: ${detail}` : title;
  };
  switch (type as JourneyEventType) {
    case 'phase_entered':
      return withDetail(of<JourneyPhase>(phaseLabel, event.phase));
    case 'intake_recorded':
      return withDetail(of<IntakeOutcome>(intakeOutcomeLabel, event.outcome));
    case 'conversation_planned': {
      const startsAt = field('conversation', 'startsAt');
      return withDetail(startsAt ? formatMoment(startsAt) : undefined);
    }
    case 'conversation_answered': {
      const answer = (event.conversation as { response?: { answer?: string } } | undefined)?.response?.answer;
      return withDetail(of(conversationAnswerLabel, answer));
    }
    case 'application_saved': {
      const status = field('application', 'status');
      return status === 'draft' || status === 'submitted' ? applicationSavedLabel[status] : title;
    }
    case 'application_decided': {
      const decision = (event.application as { decision?: { decision?: string } } | undefined)?.decision?.decision;
      return withDetail(of(decisionLabel, decision ?? field('application', 'status')));
    }
    case 'aspirant_outcome_recorded': {
      const outcome = event.outcome as { outcome?: string; reason?: string } | undefined;
      return withDetail(of(aspirantOutcomeLabel, outcome?.outcome), outcome?.reason);
    }
    case 'enrolment_changed': {
      const enrolment = event.enrolment as { title?: string } | null | undefined;
      return withDetail(enrolment?.title ? `“${enrolment.title}”` : undefined, of<EnrolmentChange>(enrolmentChangeLabel, event.change));
    }
    case 'form_requested':
    case 'form_reminded':
    case 'form_answered':
    case 'form_missed':
      return withDetail(of<FormKind>(formKindLabel, field('form', 'kind')), field('form', 'scope'));
    case 'registration_submitted':
    case 'cohort_place_granted': {
      const registration = event.registration as { theme?: string } | undefined;
      return withDetail(of<DevelopmentTheme>(developmentThemeLabel, registration?.theme));
    }
    case 'journey_closed':
      return withDetail(of<ClosingOutcome>(closingOutcomeLabel, event.outcome), text(event.reason));
    default:
      return title;
  }
}
