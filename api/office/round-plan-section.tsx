/**
 * The yearly round plan on the office's round list: per track when its round opens and closes each
 * school year, with the next opening, and (for admins) a form per track to change it.
 */
import { monthLabels, roundTrackLabel, type RoundPlan } from '../../domain/round-plan';
import type { RoundTrack } from '../../domain/round';
import { formatMoment } from '../../mail/format';
import type { PlannedOpening } from '../../services/rounds/round-plan';
import type { Session } from '../../services/staff/sessions';
import { roleAllows } from '../../services/staff/staff-member';
import { SelectField, TextField } from '../pages/form-fields';
import { Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import { ActionForm, prefixed, type FailedAction } from './page-parts';
import { capacityText, remindersText, ROUND_TRACKS } from './round-texts';

const monthOptions: [string, string][] = monthLabels.map((label, i) => [String(i + 1), label]);
const yearlyMoment = (month: number, day: number, time: string) => `${day} ${monthLabels[month - 1]} om ${time}`;

export function RoundPlanSection({
  session,
  plans,
  openings,
  failed,
}: {
  session: Session;
  plans: RoundPlan[];
  openings: PlannedOpening[];
  failed?: FailedAction | undefined;
}) {
  const admin = roleAllows(session.staff.role, 'admin');
  return (
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
