/**
 * The office's hub pages: the hubs of a school year, and one hub with its trajectories (who is
 * enrolled, offered a place, or waiting), what the expertschool did, and the office's forms.
 */
import { hubOutcomeLabel, hubStatusLabel, knowledgeSharingKindLabel, type HubTrajectoryView, type HubView, KnowledgeSharingKind } from '../../domain/hub';
import type { SchoolYear } from '../../domain/school-year';
import { formatMoment } from '../../mail/format';
import type { Session } from '../../services/staff/sessions';
import type { HubSummary } from '../../services/hubs/hub-record';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import type { FailedAction } from './page-parts';
import { OfficePage } from './office-page';
import { ActionForm, formatDay, link, prefixed } from './page-parts';

export function HubListPage({ session, schoolYear, hubs, years }: { session: Session; schoolYear: SchoolYear; hubs: HubSummary[]; years: SchoolYear[] }) {
  return (
    <OfficePage title={`Hubs ${schoolYear}`} session={session} current="hubs">
      <Heading1>Hubs in {schoolYear}</Heading1>
      <Paragraph>Elke hub is een expertschool in één schooljaar, met de leertrajecten die zij ontwikkelscholen aanbiedt.</Paragraph>
      <form method="get" action="/kantoor/hubs" class="koers-filters">
        <SelectField
          id="schooljaar"
          name="schooljaar"
          label="Schooljaar"
          value={schoolYear}
          placeholder="Dit schooljaar"
          options={years.map((year) => [year, year] as [string, string])}
        />
        <div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Toon
          </button>
        </div>
      </form>
      <section aria-labelledby="hubs-kop" class="koers-section">
        <Heading2 id="hubs-kop">Expertscholen en hun leertrajecten</Heading2>
        {hubs.length === 0 ? (
          <Paragraph>Er zijn nog geen hubs in dit schooljaar.</Paragraph>
        ) : (
          <Table
            labelledBy="hubs-kop"
            columns={[
              { label: 'Expertschool' },
              { label: 'Regio' },
              { label: 'Stand' },
              { label: 'Leertrajecten', numeric: true },
              { label: 'Plaatsen', numeric: true },
              { label: 'Ingeschreven', numeric: true },
              { label: 'Aangeboden', numeric: true },
              { label: 'Wachtlijst', numeric: true },
              { label: 'Kennisdeling', numeric: true },
              { label: 'Vervolg' },
            ]}
            rows={hubs.map((hub) => ({
              key: hub.hubId,
              cells: [
                link(`/kantoor/hubs/${hub.hubId}`, `${hub.expertschool.name} (${hub.expertschool.brin})`),
                hub.expertschool.region,
                hubStatusLabel[hub.status],
                hub.trajectories,
                hub.places,
                hub.enrolled,
                hub.offered,
                hub.waiting,
                hub.knowledgeSharing,
                hub.outcome ? hubOutcomeLabel[hub.outcome] : '–',
              ],
            }))}
          />
        )}
      </section>
    </OfficePage>
  );
}

export interface HubPageProps {
  session: Session;
  hub: HubView;
  done?: string | undefined;
  failed?: FailedAction | undefined;
}

export function HubPage({ session, hub, done, failed }: HubPageProps) {
  const form = (action: string) => (failed?.action === action ? failed : undefined);
  const field = (action: string, name: string, fallback = '') => ({
    id: `${action}-${name}`,
    name,
    value: form(action)?.values[name] ?? fallback,
    errors: prefixed(action, form(action)),
  });
  const trajectoryOptions = hub.trajectories.map((t) => [t.trajectoryId, `${t.position}. ${t.title}`] as [string, string]);
  const listed = hub.trajectories.flatMap((t) =>
    listedSchools(t).map((s) => [`${t.trajectoryId}|${s.journeyId}`, `${t.title}: ${s.schoolName} (${s.standing})`] as [string, string]),
  );
  const title = `Hub ${hub.school.name} (${hub.school.brin}), ${hub.schoolYear}`;
  return (
    <OfficePage title={title} session={session} current="hubs">
      <Heading1>{title}</Heading1>
      {done && <Alert type="ok">Vastgelegd.</Alert>}
      <DataList
        items={[
          ['Stand', hubStatusLabel[hub.status]],
          ['Expertschool', link(`/kantoor/dossiers/${hub.journeyId}`, 'dossier van de expertschool')],
          ['Schooljaar', link(`/kantoor/hubs?schooljaar=${hub.schoolYear}`, `alle hubs in ${hub.schoolYear}`)],
          ['Vervolg', hub.outcome ? `${hubOutcomeLabel[hub.outcome.outcome]}: ${hub.outcome.reason} (${hub.outcome.decidedBy})` : 'nog niet besloten'],
        ]}
      />
      {hub.status === 'awaiting_outcome' && <Alert type="warning">Het schooljaar is voorbij. Leg vast of de expertschool doorgaat of stopt.</Alert>}

      {hub.trajectories.map((t) => (
        <TrajectorySection trajectory={t} key={t.trajectoryId} />
      ))}

      <section aria-labelledby="kennisdeling-kop" class="koers-section">
        <Heading2 id="kennisdeling-kop">Kennisdeling</Heading2>
        {hub.knowledgeSharing.length === 0 ? (
          <Paragraph>Nog geen activiteiten vastgelegd.</Paragraph>
        ) : (
          <Table
            labelledBy="kennisdeling-kop"
            columns={[{ label: 'Datum' }, { label: 'Soort' }, { label: 'Titel' }, { label: 'Deelnemers', numeric: true }, { label: 'Vastgelegd door' }]}
            rows={hub.knowledgeSharing.map((k, i) => ({
              key: String(i),
              cells: [formatDay(k.heldOn), knowledgeSharingKindLabel[k.kind], k.title, k.attendees, k.recordedBy],
            }))}
          />
        )}
      </section>

      <section aria-labelledby="acties-kop" class="koers-section">
        <Heading2 id="acties-kop">Wat u nu kunt doen</Heading2>
        {hub.status === 'closed' && <Paragraph>Deze hub is afgesloten.</Paragraph>}
        {hub.status !== 'closed' && (
          <>
            <ActionForm
              session={session}
              base={`/kantoor/hubs/${hub.hubId}`}
              action="sessions"
              title="Bijeenkomst van een leertraject vastleggen"
              failed={form('sessions')}
              submit="Bijeenkomst vastleggen"
            >
              <SelectField {...field('sessions', 'trajectoryId')} label="Leertraject" placeholder="Kies een leertraject" options={trajectoryOptions} />
              <ChoiceGroup
                id="sessions-kind"
                name="kind"
                type="radio"
                legend="Soort bijeenkomst"
                options={[
                  ['start', 'Startbijeenkomst'],
                  ['training', 'Training'],
                ]}
                checked={[form('sessions')?.values.kind ?? '']}
                errors={prefixed('sessions', form('sessions'))}
              />
              <TextField {...field('sessions', 'heldOn')} label="Datum" type="date" />
              <TextField {...field('sessions', 'topic')} label="Onderwerp (bij een training)" />
              <TextArea {...field('sessions', 'notes')} label="Aantekeningen (bij de startbijeenkomst)" rows={3} />
            </ActionForm>
            <ActionForm
              session={session}
              base={`/kantoor/hubs/${hub.hubId}`}
              action="knowledge-sharing"
              title="Kennisdeling vastleggen"
              failed={form('knowledge-sharing')}
              submit="Activiteit vastleggen"
            >
              <SelectField
                {...field('knowledge-sharing', 'kind')}
                label="Soort activiteit"
                placeholder="Kies het soort"
                options={KnowledgeSharingKind.options.map((k) => [k, knowledgeSharingKindLabel[k]] as [string, string])}
              />
              <TextField {...field('knowledge-sharing', 'title')} label="Titel" />
              <TextField {...field('knowledge-sharing', 'heldOn')} label="Datum" type="date" />
              <TextField {...field('knowledge-sharing', 'attendees')} label="Aantal deelnemers" inputMode="numeric" size="small" />
            </ActionForm>
            {hub.status === 'open' && listed.length > 0 && (
              <ActionForm
                session={session}
                base={`/kantoor/hubs/${hub.hubId}`}
                action="release"
                title="Plaats vrijgeven"
                failed={form('release')}
                submit="Plaats vrijgeven"
                secondary
              >
                <Paragraph>De school verliest haar plaats (of plaats op de wachtlijst); een vrije plaats gaat naar de eerste op de wachtlijst.</Paragraph>
                <SelectField {...field('release', 'place')} label="School" placeholder="Kies de school" options={listed} />
                <TextArea {...field('release', 'reason')} label="Reden (de school leest deze)" rows={3} />
              </ActionForm>
            )}
            {!hub.outcome && (
              <ActionForm
                session={session}
                base={`/kantoor/hubs/${hub.hubId}`}
                action="outcome"
                title="Vervolg na dit schooljaar"
                failed={form('outcome')}
                submit="Besluit vastleggen"
              >
                <ChoiceGroup
                  id="outcome-outcome"
                  name="outcome"
                  type="radio"
                  legend="Besluit"
                  options={[
                    ['continue', 'De expertschool gaat door'],
                    ['stop', 'De expertschool stopt'],
                  ]}
                  checked={[form('outcome')?.values.outcome ?? '']}
                  errors={prefixed('outcome', form('outcome'))}
                />
                <TextArea {...field('outcome', 'reason')} label="Reden" rows={3} />
              </ActionForm>
            )}
          </>
        )}
      </section>
    </OfficePage>
  );
}

/** The schools on a trajectory's list, in the order they stand. */
function listedSchools(t: HubTrajectoryView) {
  const { taken, offer, waiting } = t.list;
  return [
    ...taken.map((h) => ({ ...h, standing: 'ingeschreven', when: `sinds ${formatMoment(h.since)}` })),
    ...(offer ? [{ ...offer.holder, standing: 'plaats aangeboden', when: `aanvaarden vóór ${formatMoment(offer.acceptBefore)}` }] : []),
    ...waiting.map((h, i) => ({ ...h, standing: `wachtlijst ${i + 1}`, when: `aangemeld ${formatMoment(h.askedAt)}` })),
  ];
}

function TrajectorySection({ trajectory: t }: { trajectory: HubTrajectoryView }) {
  const headingId = `traject-${t.position}-kop`;
  const schools = listedSchools(t);
  const free = t.places - t.list.taken.length - (t.list.offer ? 1 : 0);
  return (
    <section aria-labelledby={headingId} class="koers-section">
      <Heading2 id={headingId}>
        Leertraject {t.position}: {t.title}
      </Heading2>
      <DataList
        items={[
          ['Plaatsen', `${t.list.taken.length} van ${t.places} bezet, ${free} vrij, ${t.list.waiting.length} op de wachtlijst`],
          [
            'Startbijeenkomst',
            t.startSession ? `${formatDay(t.startSession.heldOn)}${t.startSession.notes ? `: ${t.startSession.notes}` : ''}` : 'nog niet gehouden',
          ],
          ['Trainingen', t.trainings.length ? t.trainings.map((tr) => `${formatDay(tr.heldOn)}: ${tr.topic}`).join('; ') : String(t.trainingsGiven)],
        ]}
      />
      {schools.length === 0 ? (
        <Paragraph>Nog geen ontwikkelscholen aangemeld.</Paragraph>
      ) : (
        <Table
          labelledBy={headingId}
          columns={[{ label: 'School' }, { label: 'BRIN' }, { label: 'Stand' }, { label: 'Wanneer' }]}
          rows={schools.map((s) => ({ key: s.journeyId, cells: [s.schoolName, s.brin, s.standing, s.when] }))}
        />
      )}
    </section>
  );
}
