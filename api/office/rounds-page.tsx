/**
 * The office's round pages: every subsidy round per school year (status, opening and closing in
 * Dutch time, capacity and places, schools drafting or submitted), the yearly round plan with its
 * next openings, one round with its schools, and the "Weet u het zeker?" step every change passes.
 * Admins see the forms; other staff see the same facts.
 */
import type { ComponentChildren } from 'preact';
import { roundStatusLabel, type RoundTrack, type RoundView } from '../../domain/round';
import { monthLabels, roundTrackLabel, type RoundPlan } from '../../domain/round-plan';
import { formatMoment } from '../../mail/format';
import type { Session } from '../../services/staff/sessions';
import { roleAllows } from '../../services/staff/staff-member';
import { ChoiceGroup, SelectField, SubmitButton, TextArea, TextField } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import type { PlannedOpening } from '../../services/rounds/round-plan';
import { CsrfField, OfficePage } from './office-page';
import { ActionForm, link, prefixed, type FailedAction } from './page-parts';

/** A school's application in a round, as the round page lists it. */
export interface RoundApplication {
  journeyId: string;
  schoolName: string;
  brin: string;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  submittedAt: Date | null;
}

export const applicationStatusLabel: Record<RoundApplication['status'], string> = {
  draft: 'in concept',
  submitted: 'ingediend',
  approved: 'toegekend',
  rejected: 'afgewezen',
};

const ROUND_TRACKS: RoundTrack[] = ['expertschool', 'ontwikkelschool'];
const trackOptions: [string, string][] = ROUND_TRACKS.map((t) => [t, roundTrackLabel[t]]);
const monthOptions: [string, string][] = monthLabels.map((label, i) => [String(i + 1), label]);

const doneMessage: Record<string, string> = {
  create: 'De ronde is aangemaakt. Zij opent op het openingsmoment (of is al open).',
  reschedule: 'De ronde is verzet. Scholen die al aanvragen, horen de nieuwe sluitingsdatum.',
  'open-now': 'De ronde is geopend. Wachtende scholen krijgen bericht.',
  cancel: 'De ronde is geannuleerd. Scholen die aanvroegen, wachten op de volgende ronde.',
  plan: 'De jaarplanning is opgeslagen. Elk schooljaar maakt en opent Koers de ronde op het openingsmoment.',
};
const doneText = (done: string) => doneMessage[done] ?? 'Vastgelegd.';

const tracksText = (tracks: readonly RoundTrack[]) => tracks.map((t) => roundTrackLabel[t]).join(' en ');
const capacityText = (capacity: number | null) => (capacity === null ? 'geen maximum' : String(capacity));
const remindersText = (days: readonly number[]) => (days.length ? `${days.join(' en ')} dagen voor sluiting` : 'geen');
const yearlyMoment = (month: number, day: number, time: string) => `${day} ${monthLabels[month - 1]} om ${time}`;

export interface RoundListItem extends RoundView {
  drafting: number;
  submitted: number;
  /** The schools drafting or submitted in the round, each linked to its case. */
  schools: RoundApplication[];
}

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

      <section aria-labelledby="jaarplanning-kop" class="koers-section">
        <Heading2 id="jaarplanning-kop">Jaarplanning</Heading2>
        {plans.length === 0 ? (
          <Paragraph>Er is nog geen jaarplanning: elke ronde wordt met de hand aangemaakt.</Paragraph>
        ) : (
          <Table
            labelledBy="jaarplanning-kop"
            columns={[
              { label: 'Traject' },
              { label: 'Opent elk jaar' },
              { label: 'Sluit' },
              { label: 'Capaciteit' },
              { label: 'Herinneringen' },
              { label: 'Volgende opening' },
            ]}
            rows={plans.map((plan) => {
              const next = openings.find((o) => o.track === plan.track);
              return {
                key: plan.track,
                cells: [
                  roundTrackLabel[plan.track],
                  yearlyMoment(plan.opensMonth, plan.opensDay, plan.opensTime),
                  yearlyMoment(plan.closesMonth, plan.closesDay, plan.closesTime),
                  capacityText(plan.capacity),
                  remindersText(plan.reminderDaysBefore),
                  next ? `${formatMoment(next.opensAt)} (schooljaar ${next.schoolYear}${next.ratesKnown ? '' : '; subsidiebedragen ontbreken nog'})` : '–',
                ],
              };
            })}
          />
        )}
        {admin &&
          ROUND_TRACKS.map((track) => <PlanForm key={track} session={session} track={track} plan={plans.find((p) => p.track === track)} failed={failed} />)}
      </section>

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

function PlanForm({ session, track, plan, failed }: { session: Session; track: RoundTrack; plan: RoundPlan | undefined; failed: FailedAction | undefined }) {
  const action = `plan-${track}`;
  const mine = failed?.action === action ? failed : undefined;
  const saved: Record<string, string> = plan
    ? {
        opensDay: String(plan.opensDay),
        opensMonth: String(plan.opensMonth),
        opensTime: plan.opensTime,
        closesDay: String(plan.closesDay),
        closesMonth: String(plan.closesMonth),
        closesTime: plan.closesTime,
        capacity: plan.capacity === null ? '' : String(plan.capacity),
        reminderDaysBefore: plan.reminderDaysBefore.join(', '),
      }
    : { opensTime: '09:00', closesTime: '17:00', reminderDaysBefore: '14, 3' };
  const field = (name: string) => ({
    id: `${action}-${name}`,
    name,
    value: mine ? (mine.values[name] ?? '') : (saved[name] ?? ''),
    errors: prefixed(action, mine),
  });
  return (
    <ActionForm
      session={session}
      base="/kantoor/rondes"
      action={action}
      title={`Jaarplanning ${roundTrackLabel[track]}`}
      failed={mine}
      submit="Jaarplanning opslaan"
      secondary
    >
      <TextField {...field('opensDay')} label="Opent op dag" inputMode="numeric" size="small" />
      <SelectField {...field('opensMonth')} label="Opent in maand" options={monthOptions} placeholder="Kies een maand" />
      <TextField {...field('opensTime')} label="Opent om" description="Nederlandse tijd, bijvoorbeeld 09:00." size="small" />
      <TextField {...field('closesDay')} label="Sluit op dag" inputMode="numeric" size="small" />
      <SelectField {...field('closesMonth')} label="Sluit in maand" options={monthOptions} placeholder="Kies een maand" />
      <TextField {...field('closesTime')} label="Sluit om" size="small" />
      <TextField {...field('capacity')} label="Capaciteit (optioneel)" inputMode="numeric" size="small" />
      <TextField {...field('reminderDaysBefore')} label="Herinneringen" description="Dagen voor sluiting, gescheiden door komma's." size="small" />
    </ActionForm>
  );
}

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

/**
 * The second step of every change: what will happen, in words, and a form that repeats the first
 * step's values (hidden) with `bevestigd=ja`. Works without JavaScript; "Nee" goes back unchanged.
 */
export function ConfirmPage({
  session,
  title,
  facts,
  postTo,
  values,
  submit,
  back,
  children,
}: {
  session: Session;
  title: string;
  facts: [string, ComponentChildren][];
  postTo: string;
  values: Record<string, string>;
  submit: string;
  back: string;
  children?: ComponentChildren;
}) {
  return (
    <OfficePage title="Weet u het zeker?" session={session} current="rondes">
      <Heading1>Weet u het zeker?</Heading1>
      <Paragraph lead>{title}</Paragraph>
      {facts.length > 0 && <DataList items={facts} />}
      {children}
      <form method="post" action={postTo} class="koers-row">
        <CsrfField session={session} />
        {Object.entries(values).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <input type="hidden" name="bevestigd" value="ja" />
        <div class="koers-actions">
          <SubmitButton intent="bevestigen">{submit}</SubmitButton>
          {link(back, 'Nee, terug')}
        </div>
      </form>
    </OfficePage>
  );
}
