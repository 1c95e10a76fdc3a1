/**
 * What a kind of mail is, as the catalogue (mail/catalogue.ts) lists it: its template and samples
 * and, for a notice (a mail a journey sends a school through activities/notify-school.ts), its
 * outbox purpose, the link it carries and how it is made from the notice. Each kind's file declares
 * its entry next to its template, so adding a mail touches that file and the catalogue's list.
 */
import type { DecisionFacts } from '../domain/decision-letter';
import type { LinkPolicy } from '../domain/links';
import type { RenderedMail } from './layout';

/** A template's sample data, shown at /voorbeelden on the mail catcher and rendered by the template tests. */
export interface MailSample<Data> {
  /** Unique across the catalogue, e.g. round-opened or application-approved. */
  id: string;
  /** What it is, in Dutch, for the preview page. */
  title: string;
  data: Data;
  /** The decision whose letter the mail carries as a PDF: the preview offers that letter too. */
  letter?: DecisionFacts;
}

/** What every notice carries besides its own fields, set by the journey when it asks. */
export interface NoticeEnvelope {
  journeyId: string;
  brin: string;
  /** The journey's programme year: a conversation is planned anew each year. */
  cycle: number;
  /** Workflow time at which the journey asked for it. */
  requestedAt: string;
}

/** A notice as the sender gets it: its kind, its own fields, and the envelope. */
export type Sent<Kind extends string, Fields> = { kind: Kind } & Fields & NoticeEnvelope;

/** The issued link as a template shows it. */
export interface MailLink {
  actionUrl: string;
  linkValidUntil: string;
}

/** What a notice may read when it is written (inside the outbox transaction). */
export interface NoticeRecord {
  schoolName: string;
  /** The programme office's address, the organizer of calendar invitations. */
  organizerEmail: string;
  /** The journey's track, e.g. expertschool. */
  track(): Promise<string>;
  /** The application's stored decision, and the attachment that carries its letter; throws before the decision is stored. */
  decision(applicationId: string): Promise<{ facts: DecisionFacts; attachment: string }>;
}

/** What a notice becomes: the mail, and what goes with it. */
export interface ComposedNotice {
  mail: RenderedMail;
  /** iCalendar text sent as the mail's invitation. */
  icalEvent?: string;
  /** A document made at delivery from the record it names (activities/decision-letter.ts). */
  attachment?: string;
}

export interface NoticeKind<Kind extends string, Fields> {
  kind: Kind;
  /**
   * The outbox key's purpose (`${journeyId}/${purpose}`): one mail per purpose, however often the
   * activity runs. Running journeys rely on it: a kind's purpose never changes once it is sent.
   */
  purpose(notice: Sent<Kind, Fields>): string;
  /** The link the mail carries, or null for none. */
  link(notice: Sent<Kind, Fields>): LinkPolicy | null;
  compose(notice: Sent<Kind, Fields>, record: NoticeRecord, link: MailLink | null): ComposedNotice | Promise<ComposedNotice>;
}

/** One kind of mail: its template with samples and, when a journey sends it as a notice, that notice. */
export interface MailKind<Data, Notice extends NoticeKind<string, never> | null = null> {
  /** Its file in mail/, e.g. round-opened. */
  file: string;
  render(data: Data): RenderedMail;
  samples: readonly MailSample<Data>[];
  notice: Notice;
}

/** A notice's entry, with its fields named (the kind and the rest are inferred). */
export const notice =
  <Fields>() =>
  <const Kind extends string>(entry: NoticeKind<Kind, Fields>): NoticeKind<Kind, Fields> =>
    entry;

/** The notice fields the workflows pass for each notice kind in a list of mail kinds. */
export type NoticeContentOf<Entry> = Entry extends { notice: NoticeKind<infer Kind, infer Fields> } ? { kind: Kind } & Fields : never;

/** A sample as the previews show it: rendered on demand. */
export interface MailPreview extends Omit<MailSample<unknown>, 'id' | 'data'> {
  /** The sample's id, e.g. application-approved. */
  kind: string;
  /** The template's file in mail/, e.g. application-decided. */
  file: string;
  render(): RenderedMail;
}

/** A kind's entry, checked whole (the samples fit the template, the notice is well formed), with its previews. */
export function mailKind<Data, Notice extends NoticeKind<string, never> | null>(
  entry: MailKind<Data, Notice>,
): MailKind<Data, Notice> & { previews: readonly MailPreview[] } {
  const previews = entry.samples.map(({ id, data, ...sample }) => ({ ...sample, kind: id, file: entry.file, render: () => entry.render(data) }));
  return { ...entry, previews };
}
