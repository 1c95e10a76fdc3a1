/**
 * The office's school pages: find schools and add one (/kantoor/scholen), and one school with its
 * record, its journeys (past and current, each linking to its case) and the forms to change the
 * record and start a journey on a track its sector may follow.
 */
import { closingOutcomeLabel, phaseLabel, type ClosingOutcome, type JourneyPhase, type Track } from '../../domain/journey';
import { EqualAccessMarker, InspectionRating, Sector, type School } from '../../domain/school';
import { equalAccessMarkerLabel, inspectionRatingLabel, sectorLabel } from '../../domain/school-labels';
import { amsterdamIso } from '../../domain/amsterdam-time';
import { trackLabel, tracks } from '../../domain/tracks';
import type { Session } from '../../services/staff/sessions';
import type { SchoolJourney, SchoolList } from '../../services/schools/school-record';
import { ChoiceGroup, SelectField, TextField, type FieldErrors } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import { OfficePage } from './office-page';
import { ActionForm, formatDay, link, prefixed, type FailedAction } from './page-parts';

/** Tracks the office starts from a school's page: those the school's sector may follow, except the one a school enters through a cohort. */
export function startableTracks(sector: Sector): Track[] {
  return (Object.keys(tracks) as Track[]).filter((track) => track !== 'schoolontwikkeling' && tracks[track].sectors.includes(sector));
}

const options = <T extends string>(values: readonly T[], label: Record<T, string>): [string, string][] => values.map((v) => [v, label[v]]);

/** The record's fields, for adding (with the BRIN) and changing (without: it names the school). */
function SchoolFields({
  action,
  values,
  errors,
  markers,
  withBrin,
}: {
  action: string;
  values: Record<string, string>;
  errors: FieldErrors;
  markers: string[];
  withBrin: boolean;
}) {
  const id = (field: string) => `${action}-${field}`;
  return (
    <>
      {withBrin && (
        <TextField
          id={id('brin')}
          name="brin"
          label="BRIN-code"
          description="Twee cijfers en twee letters, bijvoorbeeld 12AB."
          value={values.brin ?? ''}
          errors={errors}
          size="small"
          autoComplete="off"
        />
      )}
      <TextField id={id('name')} name="name" label="Naam van de school" value={values.name ?? ''} errors={errors} autoComplete="off" />
      <SelectField
        id={id('sector')}
        name="sector"
        label="Sector"
        value={values.sector ?? ''}
        placeholder="Kies de sector"
        options={options(Sector.options, sectorLabel)}
        errors={errors}
      />
      <TextField id={id('region')} name="region" label="Regio" value={values.region ?? ''} errors={errors} autoComplete="off" />
      <TextField
        id={id('contactEmail')}
        name="contactEmail"
        label="E-mailadres voor contact"
        description="Hier stuurt het programma zijn berichten aan de school heen, meestal de schoolleider."
        type="email"
        value={values.contactEmail ?? ''}
        errors={errors}
        autoComplete="off"
      />
      <SelectField
        id={id('inspectionRating')}
        name="inspectionRating"
        label="Oordeel van de inspectie"
        value={values.inspectionRating ?? ''}
        placeholder="Kies het oordeel"
        options={options(InspectionRating.options, inspectionRatingLabel)}
        errors={errors}
      />
      <ChoiceGroup
        id={id('equalAccessMarkers')}
        name="equalAccessMarkers"
        legend="Kenmerken voor gelijke toegang (meer dan één mag)"
        type="checkbox"
        options={options(EqualAccessMarker.options, equalAccessMarkerLabel)}
        checked={markers}
        errors={errors}
      />
    </>
  );
}

export const schoolValues = (school: School): Record<string, string> => ({
  brin: school.brin,
  name: school.name,
  sector: school.sector,
  region: school.region,
  contactEmail: school.contactEmail,
  inspectionRating: school.inspectionRating,
});

export function SchoolListPage({
  session,
  query,
  list,
  failed,
  markers = [],
}: {
  session: Session;
  query: string;
  list: SchoolList;
  failed?: FailedAction | undefined;
  markers?: string[];
}) {
  const pageHref = (page: number) => `/kantoor/scholen?${new URLSearchParams({ ...(query ? { zoek: query } : {}), pagina: String(page) })}`;
  return (
    <OfficePage title="Scholen" session={session} current="scholen">
      <Heading1>Scholen</Heading1>
      <form method="get" action="/kantoor/scholen" class="koers-filters" role="search" aria-label="Scholen zoeken">
        <TextField id="zoek" name="zoek" label="Zoek op (een deel van) de naam of de BRIN-code" value={query} autoComplete="off" />
        <div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Zoeken
          </button>
        </div>
      </form>
      <section aria-labelledby="scholen-kop" class="koers-section">
        <Heading2 id="scholen-kop">{query ? `Gevonden bij “${query}”: ${list.total}` : `Alle scholen: ${list.total}`}</Heading2>
        {list.schools.length === 0 ? (
          <Paragraph>{query ? 'Geen school gevonden. Controleer de spelling of voeg de school hieronder toe.' : 'Er zijn nog geen scholen.'}</Paragraph>
        ) : (
          <Table
            labelledBy="scholen-kop"
            columns={[{ label: 'School' }, { label: 'BRIN-code' }, { label: 'Sector' }, { label: 'Regio' }, { label: 'Oordeel inspectie' }]}
            rows={list.schools.map((school) => ({
              key: school.brin,
              cells: [
                link(`/kantoor/scholen/${school.brin}`, school.name),
                school.brin,
                sectorLabel[school.sector],
                school.region,
                inspectionRatingLabel[school.inspectionRating],
              ],
            }))}
          />
        )}
        {list.pages > 1 && (
          <nav aria-label="Pagina's met scholen" class="koers-actions">
            {list.page > 1 && link(pageHref(list.page - 1), 'Vorige pagina')}
            <span>
              Pagina {list.page} van {list.pages}
            </span>
            {list.page < list.pages && link(pageHref(list.page + 1), 'Volgende pagina')}
          </nav>
        )}
      </section>
      <section aria-labelledby="toevoegen-kop" class="koers-section">
        <ActionForm session={session} base="/kantoor/scholen" action="toevoegen" title="School toevoegen" failed={failed} submit="School toevoegen">
          <SchoolFields action="toevoegen" values={failed?.values ?? {}} errors={prefixed('toevoegen', failed)} markers={markers} withBrin />
        </ActionForm>
      </section>
    </OfficePage>
  );
}

const doneMessage: Record<string, string> = {
  toevoegen: 'De school is toegevoegd.',
  bewerken: 'De gegevens van de school zijn gewijzigd.',
  'reis-starten': 'De reis is gestart. De school staat nu in de fase “Verkennend gesprek”.',
};

export function SchoolPage({
  session,
  school,
  journeys,
  done,
  startedJourney,
  failed,
  markers,
}: {
  session: Session;
  school: School;
  journeys: SchoolJourney[];
  done?: string | undefined;
  startedJourney?: string | undefined;
  failed?: FailedAction | undefined;
  markers?: string[];
}) {
  const base = `/kantoor/scholen/${school.brin}`;
  const startable = startableTracks(school.sector);
  const editing = failed?.action === 'bewerken' ? failed : undefined;
  const starting = failed?.action === 'reis-starten' ? failed : undefined;
  return (
    <OfficePage title={school.name} session={session} current="scholen">
      <Paragraph>{link('/kantoor/scholen', 'Alle scholen')}</Paragraph>
      <Heading1>{school.name}</Heading1>
      {done && doneMessage[done] && (
        <Alert type="ok">
          <Paragraph>{doneMessage[done]}</Paragraph>
          {startedJourney && <Paragraph>{link(`/kantoor/dossiers/${startedJourney}`, 'Naar het dossier van de nieuwe reis')}</Paragraph>}
        </Alert>
      )}
      <DataList
        items={[
          ['BRIN-code', school.brin],
          ['Sector', sectorLabel[school.sector]],
          ['Regio', school.region],
          ['E-mailadres voor contact', school.contactEmail],
          ['Oordeel van de inspectie', inspectionRatingLabel[school.inspectionRating]],
          [
            'Kenmerken voor gelijke toegang',
            school.equalAccessMarkers.length ? school.equalAccessMarkers.map((m) => equalAccessMarkerLabel[m]).join(', ') : 'Geen',
          ],
        ]}
      />
      <section aria-labelledby="reizen-kop" class="koers-section">
        <Heading2 id="reizen-kop">Reizen van deze school</Heading2>
        {journeys.length === 0 ? (
          <Paragraph>Deze school heeft nog geen reis.</Paragraph>
        ) : (
          <Table
            labelledBy="reizen-kop"
            columns={[{ label: 'Dossier' }, { label: 'Fase' }, { label: 'Afloop' }, { label: 'Begonnen' }]}
            rows={journeys.map((journey) => ({
              key: journey.id,
              cells: [
                link(`/kantoor/dossiers/${journey.id}`, trackLabel[journey.track as Track] ?? 'Reis'),
                phaseLabel[journey.phase as JourneyPhase] ?? 'Onbekend',
                journey.outcome ? (closingOutcomeLabel[journey.outcome as ClosingOutcome] ?? 'Afgesloten') : 'Loopt nog',
                formatDay(amsterdamIso(new Date(journey.startedAt)).slice(0, 10)),
              ],
            }))}
          />
        )}
      </section>
      <section aria-labelledby="reis-starten-kop" class="koers-section">
        <ActionForm session={session} base={base} action="reis-starten" title="Reis starten" failed={starting} submit="Reis starten">
          <Paragraph>De reis begint met het verkennende gesprek. De school krijgt daarna een uitnodiging van het programmabureau.</Paragraph>
          <SelectField
            id="reis-starten-track"
            name="track"
            label="Traject"
            value={starting?.values.track ?? ''}
            placeholder="Kies het traject"
            options={startable.map((track) => [track, trackLabel[track]])}
            errors={prefixed('reis-starten', starting)}
          />
          <ChoiceGroup
            id="reis-starten-hasAspirantYearBehind"
            name="hasAspirantYearBehind"
            legend="Aspirant-traject"
            type="checkbox"
            options={[['ja', 'De school deed vorig schooljaar het aspirant-traject']]}
            checked={starting?.values.hasAspirantYearBehind === 'ja' ? ['ja'] : []}
            errors={prefixed('reis-starten', starting)}
          />
          {school.sector === 'VO' && <Paragraph>Het schoolontwikkeltraject begint met een aanmelding bij een cohort (zie Cohorten).</Paragraph>}
        </ActionForm>
      </section>
      <section aria-labelledby="bewerken-kop" class="koers-section">
        <ActionForm session={session} base={base} action="bewerken" title="Gegevens wijzigen" failed={editing} submit="Wijzigingen opslaan" secondary>
          <SchoolFields
            action="bewerken"
            values={editing?.values ?? schoolValues(school)}
            errors={prefixed('bewerken', editing)}
            markers={editing ? (markers ?? []) : school.equalAccessMarkers}
            withBrin={false}
          />
        </ActionForm>
      </section>
    </OfficePage>
  );
}
