/**
 * What a case holds beside its state: the application as the school wrote it, the measurements and
 * evaluations asked of the school, and the timeline of steps and mails. Read-only parts of the case page.
 */
import { otherSubsidyLabel, participantRoleLabel, sectionLabel, type SectionKey } from '../../domain/application';
import { formKindLabel, formStatusLabel, type FormRequestView } from '../../domain/forms';
import { applicationStatusLabel, type JourneyView } from '../../domain/journey';
import { mailStatusLabel } from '../../domain/labels';
import { formatMoment } from '../../mail/format';
import type { TimelineEntry } from '../../services/journeys/journey-timeline';
import { DataList, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';

/** The application as the school wrote it: what the office reads before it decides. */
export function ApplicationDocument({ application }: { application: NonNullable<JourneyView['application']> }) {
  const sections = Object.entries(application.sections) as [SectionKey, string][];
  return (
    <section aria-labelledby="aanvraag-kop" class="koers-section">
      <Heading2 id="aanvraag-kop">
        Aanvraag ({applicationStatusLabel[application.status]}
        {application.submittedAt ? `, ingediend ${formatMoment(application.submittedAt)}` : ''})
      </Heading2>
      <details>
        <summary>Deelnemers, leertrajecten en activiteitenplan</summary>
        <Table
          labelledBy="aanvraag-kop"
          columns={[{ label: 'Deelnemer' }, { label: 'E-mail' }, { label: 'Rol' }]}
          rows={application.participants.map((p, i) => ({ key: String(i), cells: [p.name, p.email, participantRoleLabel[p.role]] }))}
        />
        <Table
          labelledBy="aanvraag-kop"
          columns={[{ label: 'Leertraject' }, { label: 'Plaatsen', numeric: true }]}
          rows={application.trajectories.map((t, i) => ({ key: String(i), cells: [t.title, t.places] }))}
        />
        <Paragraph>
          Andere subsidies: {application.otherSubsidies.length ? application.otherSubsidies.map((o) => otherSubsidyLabel[o]).join(', ') : 'geen'}.
        </Paragraph>
        <DataList items={sections.map(([key, content]) => [sectionLabel[key], <span class="koers-prewrap">{content}</span>])} />
      </details>
    </section>
  );
}

/** Measurements and evaluations asked of the school: what came back, and what did not. */
export function FormsSection({ forms }: { forms: FormRequestView[] }) {
  return (
    <section aria-labelledby="formulieren-kop" class="koers-section">
      <Heading2 id="formulieren-kop">Metingen en evaluaties</Heading2>
      <DataList
        items={forms.map((f) => [
          `${formKindLabel[f.kind]} (${f.scope})`,
          `${formStatusLabel[f.status]}${f.status === 'requested' ? `, uiterlijk ${formatMoment(f.dueAt)}` : ''}${
            f.remindersSent ? `, ${f.remindersSent}× herinnerd` : ''
          }${f.answer ? `: gemiddeld ${average(Object.values(f.answer.scores))} van 5${f.answer.remarks ? ` — “${f.answer.remarks}”` : ''}` : ''}`,
        ])}
      />
    </section>
  );
}

const average = (scores: number[]) => (scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length)).toFixed(1).replace('.', ',');

/** Every step on record and every mail, oldest first. */
export function CaseTimeline({ timeline }: { timeline: TimelineEntry[] }) {
  return (
    <section aria-labelledby="tijdlijn-kop" class="koers-section">
      <Heading2 id="tijdlijn-kop">Tijdlijn</Heading2>
      <Table
        labelledBy="tijdlijn-kop"
        id="tijdlijn"
        columns={[{ label: 'Wanneer' }, { label: 'Wat' }, { label: 'Wie' }]}
        rows={timeline.map((entry) =>
          entry.kind === 'step'
            ? {
                key: `s${entry.seq}`,
                cells: [formatMoment(entry.at), entry.label, entry.actor === 'system' ? 'Koers' : entry.actor],
              }
            : {
                key: `m${entry.purpose}`,
                cells: [
                  formatMoment(entry.at),
                  `E-mail “${entry.subject}”: ${
                    entry.status === 'sent'
                      ? mailStatusLabel.sent
                      : `${mailStatusLabel.pending} (${entry.attempts} ${entry.attempts === 1 ? 'poging' : 'pogingen'}${entry.lastError ? `; ${entry.lastError}` : ''})`
                  }`,
                  'Koers',
                ],
              },
        )}
      />
    </section>
  );
}
