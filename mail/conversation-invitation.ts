/**
 * The calendar invitation (.ics) that goes with a planned conversation. Its UID stays the same for
 * every new moment of the same conversation and its SEQUENCE counts up, so a calendar replaces the
 * earlier invitation instead of adding a second one.
 */
import { createEvent } from 'ics';
import { conversationKindLabel as conversationLabel } from '../domain/labels';

export interface ConversationInvitation {
  /** Stable per conversation, e.g. the journey id and programme year. */
  uid: string;
  /** 1 for the first invitation, counting up with each new moment. */
  sequence: number;
  kind: 'exploratory' | 'evaluation';
  schoolName: string;
  startsAt: string;
  durationMinutes: number;
  location: string;
  /** Where the school confirms or asks for another moment. */
  url?: string | undefined;
  /** The programme office's address, as in MAIL_FROM. */
  organizerEmail: string;
}

export function conversationInvitation(data: ConversationInvitation): string {
  const { error, value } = createEvent({
    productId: 'koers/ontwikkelkracht',
    method: 'REQUEST',
    uid: data.uid,
    sequence: data.sequence,
    start: Date.parse(data.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: data.durationMinutes },
    title: `Ontwikkelkracht: ${conversationLabel[data.kind]} met ${data.schoolName}`,
    description: data.url ? `Bevestigen of een ander moment vragen: ${data.url}` : undefined,
    location: data.location,
    organizer: { name: 'Programmabureau Ontwikkelkracht', email: data.organizerEmail },
    status: 'CONFIRMED',
  });
  if (error || !value) throw new Error(`Could not build the invitation: ${error?.message ?? 'no output'}`);
  return value;
}
