/** The office's overview: every case, filtered and searched, what needs attention first, and what keeps failing. */
import { JourneyPhase, phaseLabel, Track, waitingForLabel, WaitingFor } from '../../domain/journey';
import { trackLabel, tracks } from '../../domain/tracks';
import { Sector } from '../../domain/school';
import { formatMoment } from '../../mail/format';
import type { Session } from '../../services/staff/sessions';
import { SelectField, TextField } from '../pages/form-fields';
import { Alert, Heading1, Heading2, Paragraph } from '../pages/layout';
import type { CaseFilters, CaseList, MailProblem } from '../../services/office/case-list';
import { OfficePage } from './office-page';
import { RatesWarning } from './rates-warning';
import type { PlannedOpening } from '../../services/rounds/round-plan';

export interface DashboardProps {
  session: Session;
  filters: CaseFilters;
  list: CaseList;
  choices: { regions: string[]; rounds: string[] };
  problems: MailProblem[];
  /** Filters that were not understood, said once above the list. */
  invalid?: string[];
  /** Planned round openings within weeks whose school year has no subsidy amounts yet. */
  ratesMissing?: PlannedOpening[];
}

const query = (filters: CaseFilters, change: Partial<CaseFilters>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...change })) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `/kantoor?${text}` : '/kantoor';
};

const options = (values: readonly string[], label: (v: string) => string = (v) => v): [string, string][] => values.map((v) => [v, label(v)]);

export function DashboardPage({ session, filters, list, choices, problems, invalid = [], ratesMissing = [] }: DashboardProps) {
  const total = Object.values(list.countsByPhase).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <OfficePage title="Overzicht" session={session} current="overzicht">
      <Heading1>Overzicht van alle scholen</Heading1>
      <RatesWarning openings={ratesMissing} />

      {problems.length > 0 && (
        <section aria-labelledby="problemen-kop" class="koers-section">
          <Alert type="warning" title={`Problemen (${problems.length})`}>
            <h2 class="utrecht-heading-2" id="problemen-kop">
              E-mail die niet aankomt
            </h2>
            <Paragraph>Koers probeert het steeds opnieuw, met langere pauzes. Komt de fout van de mailserver, dan hoeft u niets te doen.</Paragraph>
            <ul class="utrecht-unordered-list">
              {problems.map((p) => (
                <li class="utrecht-unordered-list__item" key={`${p.journeyId}/${p.purpose}`}>
                  {p.journeyId ? (
                    <a class="utrecht-link utrecht-link--html-a" href={`/kantoor/dossiers/${p.journeyId}`}>
                      {p.schoolName ?? p.journeyId}
                    </a>
                  ) : (
                    'Geen dossier'
                  )}
                  : “{p.subject}”, {p.attempts} {p.attempts === 1 ? 'poging' : 'pogingen'} sinds {formatMoment(p.since)}. Laatste fout: {p.lastError}
                </li>
              ))}
            </ul>
          </Alert>
        </section>
      )}

      <section aria-labelledby="fasen-kop" class="koers-section">
        <Heading2 id="fasen-kop">Per fase</Heading2>
        <ul class="koers-counts">
          <li>
            <a
              class="utrecht-link utrecht-link--html-a"
              href={query(filters, { phase: undefined, page: undefined })}
              aria-current={filters.phase ? undefined : 'true'}
            >
              Alle fasen: {total}
            </a>
          </li>
          {(filters.track ? tracks[filters.track].phases : JourneyPhase.options).map((phase) => (
            <li key={phase}>
              <a
                class="utrecht-link utrecht-link--html-a"
                href={query(filters, { phase, page: undefined })}
                aria-current={filters.phase === phase ? 'true' : undefined}
              >
                {phaseLabel[phase]}: {list.countsByPhase[phase] ?? 0}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="zoeken-kop" class="koers-section">
        <Heading2 id="zoeken-kop">Zoeken en filteren</Heading2>
        {invalid.length > 0 && <Alert type="warning">Niet alle filters waren te begrijpen en zijn weggelaten: {invalid.join(', ')}.</Alert>}
        <form method="get" action="/kantoor" class="koers-filters" role="search">
          <TextField id="q" name="q" label="School of BRIN" value={filters.q ?? ''} />
          <SelectField
            id="track"
            name="track"
            label="Traject"
            value={filters.track ?? ''}
            placeholder="Alle trajecten"
            options={options(Track.options, (t) => trackLabel[t as Track])}
          />
          <SelectField
            id="phase"
            name="phase"
            label="Fase"
            value={filters.phase ?? ''}
            placeholder="Alle fasen"
            options={options(JourneyPhase.options, (p) => phaseLabel[p as JourneyPhase])}
          />
          <SelectField id="sector" name="sector" label="Sector" value={filters.sector ?? ''} placeholder="Alle sectoren" options={options(Sector.options)} />
          <SelectField id="region" name="region" label="Regio" value={filters.region ?? ''} placeholder="Alle regio's" options={options(choices.regions)} />
          <SelectField
            id="roundId"
            name="roundId"
            label="Subsidieronde"
            value={filters.roundId ?? ''}
            placeholder="Alle rondes"
            options={options(choices.rounds)}
          />
          <SelectField
            id="waitingFor"
            name="waitingFor"
            label="Wacht op"
            value={filters.waitingFor ?? ''}
            placeholder="Iedereen"
            options={options(WaitingFor.options, (w) => waitingForLabel[w as WaitingFor])}
          />
          <SelectField
            id="attention"
            name="attention"
            label="Aandacht nodig"
            value={filters.attention ?? ''}
            placeholder="Alles"
            options={[
              ['overdue', 'Termijn verstreken'],
              ['stuck', 'Ligt stil bij ons (14 dagen)'],
              ['form_missed', 'Meting of evaluatie niet ingevuld'],
              ['new_request', 'Nieuwe aanvraag (gesprek nog niet gepland)'],
            ]}
          />
          <div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Toon
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="lijst-kop" class="koers-section">
        <Heading2 id="lijst-kop">
          {list.total} {list.total === 1 ? 'school' : 'scholen'}
          {list.pages > 1 ? `, pagina ${list.page} van ${list.pages}` : ''}
        </Heading2>
        <div class="koers-table-wrapper" tabIndex={0} role="region" aria-labelledby="lijst-kop">
          <table class="koers-table">
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">Traject</th>
                <th scope="col">Fase</th>
                <th scope="col">Sector</th>
                <th scope="col">Regio</th>
                <th scope="col">Ronde</th>
                <th scope="col">Wacht op</th>
                <th scope="col">Volgende termijn</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.journeyId}>
                  <td>
                    <a class="utrecht-link utrecht-link--html-a" href={`/kantoor/dossiers/${row.journeyId}`}>
                      {row.schoolName}
                    </a>{' '}
                    ({row.brin})
                    {row.newRequest && (
                      <>
                        {' '}
                        <span class="koers-flag koers-flag--new">Nieuwe aanvraag</span>
                      </>
                    )}
                  </td>
                  <td>{trackLabel[row.track]}</td>
                  <td>{phaseLabel[row.phase]}</td>
                  <td>{row.sector}</td>
                  <td>{row.region}</td>
                  <td>{row.roundId ?? '–'}</td>
                  <td>
                    {row.waitingFor ? waitingForLabel[row.waitingFor] : '–'}
                    {row.stuck && (
                      <>
                        {' '}
                        <span class="koers-flag koers-flag--stuck">ligt stil</span>
                      </>
                    )}
                  </td>
                  <td>
                    {row.nextDeadline ? formatMoment(row.nextDeadline) : '–'}
                    {row.overdue && (
                      <>
                        {' '}
                        <span class="koers-flag koers-flag--overdue">verstreken</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {list.rows.length === 0 && <Paragraph>Geen scholen bij deze filters.</Paragraph>}
        {list.pages > 1 && (
          <nav aria-label="Pagina's" class="koers-actions">
            {list.page > 1 && (
              <a class="utrecht-link utrecht-link--html-a" href={query(filters, { page: list.page - 1 })}>
                Vorige pagina
              </a>
            )}
            {list.page < list.pages && (
              <a class="utrecht-link utrecht-link--html-a" href={query(filters, { page: list.page + 1 })}>
                Volgende pagina
              </a>
            )}
          </nav>
        )}
      </section>
    </OfficePage>
  );
}
