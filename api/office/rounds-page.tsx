/**
 * The office's round pages: every subsidy round per school year (status, opening and closing in
 * Dutch time, capacity and places, schools drafting or submitted), the yearly round plan, and (for
 * admins) the form for a new round. One round, the plan and the confirmation step have their own files.
 */
import { roundStatusLabel } from '../../domain/round';
import { roundTrackLabel, type RoundPlan } from '../../domain/round-plan';
import { formatMoment } from '../../mail/format';
import type { RoundListItem } from '../../services/rounds/round-applications';
import type { PlannedOpening } from '../../services/rounds/round-plan';
import type { Session } from '../../services/staff/sessions';
import { roleAllows } from '../../services/staff/staff-member';
import { ChoiceGroup, TextField } from '../pages/form-fields';
import { Alert, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import { OfficePage } from './office-page';
import { ActionForm, link, prefixed, type FailedAction } from './page-parts';
import { RoundPlanSection } from './round-plan-section';
import { applicationStatusLabel, capacityText, doneText, ROUND_TRACKS, tracksText } from './round-texts';

const trackOptions: [string, string][] = ROUND_TRACKS.map((t) => [t, roundTrackLabel[t]]);

/** Per round with applications: its schools, folded (a round can hold hundreds); works without JavaScript. */
function RoundSchools({ round }: { round: RoundListItem }) {
  if (round.schools.length === 0) return null;
  return (
    <details class="koers-row">
      <summary>
        Scholen in {round.name}: {round.drafting} in concept, {round.submitted} ingediend
      </summary>
      <ul class="utrecht-unordered-list">
        {round.schools.map((a) => (
          <li class="utrecht-unordered-list__item" key={a.journeyId}>
            {link(`/kantoor/dossiers/${a.journeyId}`, a.schoolName)} ({applicationStatusLabel[a.status]})
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RoundsListPage({
  session,
  rounds,
  plans,
  openings,
  done,
  failed,
}: {
  session: Session;
  rounds: RoundListItem[];
  plans: RoundPlan[];
  openings: PlannedOpening[];
  done?: string | undefined;
  failed?: FailedAction | undefined;
}) {
  const admin = roleAllows(session.staff.role, 'admin');
  const years = [...new Set(rounds.map((r) => r.schoolYear))].sort().reverse();
  const createField = (name: string, fallback = '') => ({
    id: `create-${name}`,
    name,
    value: failed?.action === 'create' ? (failed.values[name] ?? '') : fallback,
    errors: prefixed('create', failed?.action === 'create' ? failed : undefined),
  });
  const checkedTracks = failed?.action === 'create' ? (failed.values.tracks ?? '').split(',').filter(Boolean) : [];
  return (
    <OfficePage title="Subsidierondes" session={session} current="rondes">
      <Heading1>Subsidierondes</Heading1>
      {done && <Alert type="ok">{doneText(done)}</Alert>}
      <Paragraph>
        Scholen vragen subsidie aan zolang een ronde open is. Alle momenten zijn Nederlandse tijd. Een ronde uit de jaarplanning kunt u verzetten of annuleren
        zoals elke andere ronde.
      </Paragraph>

      <RoundPlanSection session={session} plans={plans} openings={openings} failed={failed} />

      {years.length === 0 ? (
        <Paragraph>Er zijn nog geen subsidierondes.</Paragraph>
      ) : (
        years.map((year) => (
          <section aria-labelledby={`jaar-${year}`} class="koers-section" key={year}>
            <Heading2 id={`jaar-${year}`}>Schooljaar {year}</Heading2>
            <Table
              labelledBy={`jaar-${year}`}
              columns={[
                { label: 'Ronde' },
                { label: 'Trajecten' },
                { label: 'Stand' },
                { label: 'Opent' },
                { label: 'Sluit' },
                { label: 'Capaciteit', numeric: true },
                { label: 'Plaatsen bezet', numeric: true },
                { label: 'In concept', numeric: true },
                { label: 'Ingediend', numeric: true },
              ]}
              rows={rounds
                .filter((r) => r.schoolYear === year)
                .map((r) => ({
                  key: r.id,
                  cells: [
                    link(`/kantoor/rondes/${r.id}`, r.name),
                    tracksText(r.tracks),
                    roundStatusLabel[r.status],
                    formatMoment(r.opensAt),
                    formatMoment(r.closesAt),
                    capacityText(r.capacity),
                    r.placesTaken,
                    r.drafting,
                    r.submitted,
                  ],
                }))}
            />
            {rounds
              .filter((r) => r.schoolYear === year)
              .map((r) => (
                <RoundSchools round={r} key={r.id} />
              ))}
          </section>
        ))
      )}

      {admin && (
        <section aria-labelledby="nieuw-kop" class="koers-section">
          <Heading2 id="nieuw-kop">Nieuwe ronde</Heading2>
          <Paragraph>Ook voor een extra ronde voor één traject. U bevestigt op de volgende pagina.</Paragraph>
          <ActionForm
            session={session}
            base="/kantoor/rondes"
            action="create"
            title="Ronde aanmaken"
            failed={failed?.action === 'create' ? failed : undefined}
            submit="Verder"
          >
            <TextField {...createField('id')} label="Kenmerk" description="Kleine letters, cijfers en streepjes, bijvoorbeeld 2027-2028-voorjaar." />
            <TextField {...createField('name')} label="Naam" />
            <TextField
              {...createField('schoolYear')}
              label="Schooljaar"
              description="Het schooljaar waarvoor scholen aanvragen, bijvoorbeeld 2027-2028."
              size="small"
            />
            <TextField
              {...createField('opensAt')}
              label="Opent"
              description="Nederlandse tijd. Ligt het moment al achter ons, dan opent de ronde meteen."
              type="datetime-local"
            />
            <TextField {...createField('closesAt')} label="Sluit" description="Nederlandse tijd." type="datetime-local" />
            <ChoiceGroup
              id="create-tracks"
              name="tracks"
              legend="Trajecten"
              type="checkbox"
              options={trackOptions}
              checked={checkedTracks}
              errors={createField('tracks').errors}
            />
            <TextField
              {...createField('capacity')}
              label="Capaciteit (optioneel)"
              description="Het aantal aanvragen dat de ronde aanneemt; leeg: geen maximum."
              inputMode="numeric"
              size="small"
            />
            <TextField
              {...createField('reminderDaysBefore', '14, 3')}
              label="Herinneringen"
              description="Dagen voor sluiting, gescheiden door komma's."
              size="small"
            />
          </ActionForm>
        </section>
      )}
    </OfficePage>
  );
}
