/**
 * A case's timeline: every recorded step of its journey and every mail sent about it, in the order
 * they happened. Steps come from the audit trail, mails from the outbox (with their delivery state,
 * so a mail the server keeps refusing shows as such).
 */
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';

export const TimelineEntry = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('step'), at: z.iso.datetime(), seq: z.number().int(), actor: z.string(), type: z.string() }),
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
    db.auditEvent.findMany({ where: { journeyId }, orderBy: { seq: 'asc' }, select: { at: true, seq: true, actor: true, type: true } }),
    db.outboxMail.findMany({ where: { journeyId }, select: { requestedAt: true, sentAt: true, purpose: true, subject: true, status: true, attempts: true, lastError: true } }),
  ]);
  const entries: TimelineEntry[] = [
    ...steps.map((s) => ({ kind: 'step' as const, at: s.at.toISOString(), seq: s.seq, actor: s.actor, type: s.type })),
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
