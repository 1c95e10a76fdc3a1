/**
 * One subsidy round on the office's pages: its facts, the schools with an application in it (each
 * linked to its case), and for admins, while the round is scheduled or open, the forms that change it.
 */
import { roundStatusLabel, type RoundView } from '../../domain/round';
import { formatMoment } from '../../mail/format';
import type { RoundApplication } from '../../services/rounds/round-applications';
import type { Session } from '../../services/staff/sessions';
import { roleAllows } from '../../services/staff/staff-member';
import { TextArea, TextField } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import { OfficePage } from './office-page';
import { ActionForm, link, prefixed, type FailedAction } from './page-parts';
import { applicationStatusLabel, capacityText, doneText, remindersText, tracksText } from './round-texts';

export function RoundPage({
  session,
  round,
  applications,
  done,
  failed,
}: {
  session: Session;
  round: RoundView;
  applications: RoundApplication[];
  done?: string | undefined;
  failed?: FailedAction | undefined;
}) {
  const admin = roleAllows(session.staff.role, 'admin');
  const base = `/kantoor/rondes/${round.id}`;
  const form = (action: string) => (failed?.action === action ? failed : undefined);
  const field = (action: string, name: string) => ({
    id: `${action}-${name}`,
    name,
    value: form(action)?.values[name] ?? '',
    errors: prefixed(action, form(action)),
  });
  const live = round.status === 'scheduled' || round.status === 'open';
  return (
    <OfficePage title={round.name} session={session} current="rondes">
      <Heading1>{round.name}</Heading1>
      {done && <Alert type="ok">{doneText(done)}</Alert>}
      {failed && !(admin && live) && (
        // A change posted from an older page, to a round that has ended since: said here, the forms are gone.
        <Alert type="error">
          <Paragraph>{[...failed.general, ...Object.values(failed.fields).flat()].join(' ')}</Paragraph>
        </Alert>
      )}
      <DataList
        items={[
          ['Stand', roundStatusLabel[round.status]],
          ['Schooljaar', round.schoolYear],
          ['Trajecten', tracksText(round.tracks)],
          ['Opent', formatMoment(round.opensAt)],
          ['Sluit', formatMoment(round.closesAt)],
          ['Capaciteit', capacityText(round.capacity)],
          ['Plaatsen bezet', String(round.placesTaken)],
          ['Herinneringen', remindersText(round.reminderDaysBefore)],
          ['Alle rondes', link('/kantoor/rondes', 'terug naar de lijst')],
        ]}
      />
      <section aria-labelledby="scholen-kop" class="koers-section">
        <Heading2 id="scholen-kop">Scholen in deze ronde</Heading2>
        {applications.length === 0 ? (
          <Paragraph>Nog geen school heeft in deze ronde een aanvraag.</Paragraph>
        ) : (
          <Table
            labelledBy="scholen-kop"
            columns={[{ label: 'School' }, { label: 'BRIN' }, { label: 'Aanvraag' }, { label: 'Ingediend op' }]}
            rows={applications.map((a) => ({
              key: a.journeyId,
              cells: [
                link(`/kantoor/dossiers/${a.journeyId}`, a.schoolName),
                a.brin,
                applicationStatusLabel[a.status],
                a.submittedAt ? formatMoment(a.submittedAt) : '–',
              ],
            }))}
          />
        )}
      </section>
      {admin && live && (
        <section aria-labelledby="acties-kop" class="koers-section">
          <Heading2 id="acties-kop">Ronde wijzigen</Heading2>
          <Paragraph>U bevestigt elke wijziging op de volgende pagina.</Paragraph>
          <ActionForm session={session} base={base} action="reschedule" title="Verzetten" failed={form('reschedule')} submit="Verder">
            {round.status === 'scheduled' && (
              <TextField
                {...field('reschedule', 'opensAt')}
                label="Nieuw openingsmoment"
                description="Nederlandse tijd; leeg laten als het niet verandert."
                type="datetime-local"
              />
            )}
            <TextField
              {...field('reschedule', 'closesAt')}
              label="Nieuw sluitingsmoment"
              description="Nederlandse tijd; leeg laten als het niet verandert."
              type="datetime-local"
            />
          </ActionForm>
          {round.status === 'scheduled' && (
            <ActionForm session={session} base={base} action="open-now" title="Nu openen" failed={form('open-now')} submit="Verder" />
          )}
          <ActionForm session={session} base={base} action="cancel" title="Annuleren" failed={form('cancel')} submit="Verder" secondary>
            <TextArea {...field('cancel', 'reason')} label="Reden" description="Scholen die al aanvragen, wachten op de volgende ronde." rows={3} />
          </ActionForm>
        </section>
      )}
    </OfficePage>
  );
}
