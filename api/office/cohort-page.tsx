/**
 * The office's cohort pages for the school development trajectory (VO): every cohort with its
 * places (and, for admins, the form that creates one), and one cohort: who has a place, who waits,
 * who is ready for grouping, the system's proposal of development groups with what it cannot
 * solve, and the groups the office confirmed.
 */
import { cohortStatusLabel, type CohortView } from '../../domain/cohort';
import { developmentThemeLabel, type DevelopmentTheme } from '../../domain/development-groups';
import { formatMoment } from '../../mail/format';
import type { CohortListItem } from '../../services/cohorts/manage-cohorts';
import type { Session } from '../../services/staff/sessions';
import { roleAllows } from '../../services/staff/staff-member';
import { TextField } from '../pages/form-fields';
import { Alert, DataList, Heading1, Heading2, Paragraph } from '../pages/layout';
import { Table } from '../pages/table';
import type { FailedAction } from './page-parts';
import { OfficePage } from './office-page';
import { ActionForm, formatDay, link, prefixed } from './page-parts';

/** What the page says after each action (its `?gedaan=`). */
const doneMessage: Record<string, string> = {
  create: 'Het cohort is aangemaakt. Meld nu scholen aan.',
  register: 'De school is aangemeld. De schoolleider krijgt een mail met de link om de aanmelding af te ronden.',
  propose: 'Het voorstel voor de ontwikkelgroepen staat hieronder. Bekijk de problemen voordat u bevestigt.',
  confirm: 'De ontwikkelgroepen zijn bevestigd. Elke school krijgt bericht over haar groep, de kick-off en de startdag.',
};
const doneText = (done: string) => doneMessage[done] ?? 'Vastgelegd.';

const caseLink = (journeyId: string, name: string) => link(`/kantoor/dossiers/${journeyId}`, name);
const theme = (t: DevelopmentTheme | null | undefined) => (t ? developmentThemeLabel[t] : '–');

export function CohortListPage({
  session,
  cohorts,
  done,
  failed,
}: {
  session: Session;
  cohorts: CohortListItem[];
  done?: string | undefined;
  failed?: FailedAction | undefined;
}) {
  const field = (name: string) => ({ id: `create-${name}`, name, value: failed?.values[name] ?? '', errors: prefixed('create', failed) });
  return (
    <OfficePage title="Cohorten" session={session} current="cohorten">
      <Heading1>Cohorten van het schoolontwikkeltraject</Heading1>
      {done && <Alert type="ok">{doneText(done)}</Alert>}
      <Paragraph>
        Elk cohort is een editie van het schoolontwikkeltraject voor VO-scholen (anderhalf jaar). Plaatsen gaan op volgorde van aanmelding; wie daarna komt,
        staat op de wachtlijst.
      </Paragraph>
      <section aria-labelledby="cohorten-kop" class="koers-section">
        <Heading2 id="cohorten-kop">Alle cohorten</Heading2>
        {cohorts.length === 0 ? (
          <Paragraph>Er zijn nog geen cohorten.</Paragraph>
        ) : (
          <Table
            labelledBy="cohorten-kop"
            columns={[
              { label: 'Cohort' },
              { label: 'Schooljaar' },
              { label: 'Stand' },
              { label: 'Bezet', numeric: true },
              { label: 'Plaatsen', numeric: true },
              { label: 'Wachtlijst', numeric: true },
              { label: 'Aanmelding sluit' },
              { label: 'Kick-off' },
              { label: 'Startdag' },
            ]}
            rows={cohorts.map((c) => ({
              key: c.id,
              cells: [
                link(`/kantoor/cohorten/${c.id}`, c.name),
                c.schoolYear,
                cohortStatusLabel[c.status],
                c.places ? c.places.taken : '–',
                c.capacity,
                c.places ? c.places.waiting : '–',
                formatMoment(c.registrationClosesAt),
                formatDay(c.kickOffOn),
                formatDay(c.startDayOn),
              ],
            }))}
          />
        )}
      </section>
      {roleAllows(session.staff.role, 'admin') && (
        <section aria-labelledby="nieuw-kop" class="koers-section">
          <Heading2 id="nieuw-kop">Nieuw cohort</Heading2>
          <ActionForm session={session} base="/kantoor/cohorten" action="create" title="Cohort aanmaken" failed={failed} submit="Cohort aanmaken">
            <TextField
              {...field('id')}
              label="Kenmerk"
              description="Kleine letters, cijfers en streepjes, bijvoorbeeld vo-2027. Het kenmerk verandert niet meer."
            />
            <TextField {...field('name')} label="Naam" />
            <TextField {...field('schoolYear')} label="Schooljaar" description="Het schooljaar waarin de startdag valt, bijvoorbeeld 2027-2028." size="small" />
            <TextField {...field('capacity')} label="Aantal plaatsen" inputMode="numeric" size="small" />
            <TextField
              {...field('registrationClosesAt')}
              label="Aanmelding sluit"
              description="Nederlandse tijd, vóór de dag van de kick-off."
              type="datetime-local"
            />
            <TextField {...field('kickOffOn')} label="Kick-off" description="Vóór de zomer: uiterlijk 31 juli." type="date" />
            <TextField {...field('startDayOn')} label="Startdag" description="In september, aan het begin van het schooljaar." type="date" />
          </ActionForm>
        </section>
      )}
    </OfficePage>
  );
}

export interface CohortPageProps {
  session: Session;
  cohort: CohortView;
  done?: string | undefined;
  failed?: FailedAction | undefined;
}

export function CohortPage({ session, cohort, done, failed }: CohortPageProps) {
  const form = (action: string) => (failed?.action === action ? failed : undefined);
  const base = `/kantoor/cohorten/${cohort.cohortId}`;
  const { places } = cohort;
  const schoolName = new Map([...places.taken, ...places.waiting].map((h) => [h.journeyId, h.schoolName]));
  const nameOf = (journeyId: string) => schoolName.get(journeyId) ?? journeyId;
  const awaiting = new Set(cohort.awaitingIntake);
  const ready = new Set(cohort.readyForGrouping.map((c) => c.journeyId));
  const groupOf = new Map(cohort.groups.flatMap((g) => g.members.map((m) => [m.journeyId, g.groupId] as const)));
  const standing = (journeyId: string) => {
    const group = groupOf.get(journeyId);
    if (group) return `in groep ${group}`;
    if (ready.has(journeyId)) return 'klaar voor indeling';
    return awaiting.has(journeyId) ? 'wacht op intake' : '–';
  };
  // The workflow refuses both after the start day; the buttons go with it.
  const canGroup = cohort.status === 'registration' || cohort.status === 'grouping';
  const proposal = cohort.proposal;
  return (
    <OfficePage title={cohort.name} session={session} current="cohorten">
      <Heading1>{cohort.name}</Heading1>
      {done && <Alert type="ok">{doneText(done)}</Alert>}
      <DataList
        items={[
          ['Stand', cohortStatusLabel[cohort.status]],
          ['Schooljaar', cohort.schoolYear],
          ['Plaatsen', `${places.taken.length} van ${cohort.capacity} bezet, ${places.waiting.length} op de wachtlijst`],
          ['Aanmelding sluit', formatMoment(cohort.registrationClosesAt)],
          ['Kick-off', formatDay(cohort.kickOffOn)],
          ['Startdag', formatDay(cohort.startDayOn)],
          ['Alle cohorten', link('/kantoor/cohorten', 'terug naar de lijst')],
        ]}
      />

      <section aria-labelledby="plaatsen-kop" class="koers-section">
        <Heading2 id="plaatsen-kop">Scholen met een plaats</Heading2>
        {places.taken.length === 0 ? (
          <Paragraph>Nog geen school heeft haar aanmelding afgerond.</Paragraph>
        ) : (
          <Table
            labelledBy="plaatsen-kop"
            columns={[{ label: 'School' }, { label: 'BRIN' }, { label: 'Plaats sinds' }, { label: 'Stand' }]}
            rows={places.taken.map((h) => ({
              key: h.journeyId,
              cells: [caseLink(h.journeyId, h.schoolName), h.brin, formatMoment(h.since), standing(h.journeyId)],
            }))}
          />
        )}
      </section>

      <section aria-labelledby="wachtlijst-kop" class="koers-section">
        <Heading2 id="wachtlijst-kop">Wachtlijst</Heading2>
        {places.waiting.length === 0 ? (
          <Paragraph>Niemand staat op de wachtlijst.</Paragraph>
        ) : (
          <Table
            labelledBy="wachtlijst-kop"
            columns={[{ label: 'Plaats', numeric: true }, { label: 'School' }, { label: 'BRIN' }, { label: 'Aangemeld' }]}
            rows={places.waiting.map((h, i) => ({ key: h.journeyId, cells: [i + 1, caseLink(h.journeyId, h.schoolName), h.brin, formatMoment(h.askedAt)] }))}
          />
        )}
      </section>

      <section aria-labelledby="intake-kop" class="koers-section">
        <Heading2 id="intake-kop">Wacht op intake</Heading2>
        {cohort.awaitingIntake.length === 0 ? (
          <Paragraph>Geen school met een plaats wacht nog op haar intake.</Paragraph>
        ) : (
          <ul class="utrecht-unordered-list">
            {cohort.awaitingIntake.map((journeyId) => (
              <li class="utrecht-unordered-list__item" key={journeyId}>
                {caseLink(journeyId, nameOf(journeyId))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="indeling-kop" class="koers-section">
        <Heading2 id="indeling-kop">Klaar voor indeling</Heading2>
        {cohort.readyForGrouping.length === 0 ? (
          <Paragraph>Geen school wacht op een ontwikkelgroep.</Paragraph>
        ) : (
          <Table
            labelledBy="indeling-kop"
            columns={[{ label: 'School' }, { label: 'BRIN' }, { label: 'Thema' }, { label: 'Tweede thema' }]}
            rows={cohort.readyForGrouping.map((c) => ({
              key: c.journeyId,
              cells: [caseLink(c.journeyId, c.name), c.brin, theme(c.theme), theme(c.secondTheme)],
            }))}
          />
        )}
      </section>

      {cohort.status === 'registration' && (
        <section aria-labelledby="aanmelden-kop" class="koers-section">
          <Heading2 id="aanmelden-kop">School aanmelden</Heading2>
          <ActionForm session={session} base={base} action="register" title="Een VO-school aanmelden" failed={form('register')} submit="School aanmelden">
            <Paragraph>
              De schoolleider krijgt een mail met een persoonlijke link om de aanmelding af te ronden: thema, zelfevaluatie en contactpersoon.
            </Paragraph>
            <TextField
              id="register-brin"
              name="brin"
              label="BRIN-code"
              value={form('register')?.values.brin ?? ''}
              errors={prefixed('register', form('register'))}
              size="small"
            />
          </ActionForm>
        </section>
      )}

      <section aria-labelledby="voorstel-kop" class="koers-section">
        <Heading2 id="voorstel-kop">Voorstel voor de ontwikkelgroepen</Heading2>
        {!proposal ? (
          <Paragraph>Er is nog geen voorstel.</Paragraph>
        ) : (
          <>
            <Paragraph>
              Voorgesteld door {proposal.proposedBy} op {formatMoment(proposal.proposedAt)}.
            </Paragraph>
            {proposal.problems.length > 0 && (
              <Alert type="warning" title="Niet iedereen kan worden ingedeeld">
                <ul class="utrecht-unordered-list">
                  {proposal.problems.map((p, i) => (
                    <li class="utrecht-unordered-list__item" key={String(i)}>
                      {p.message}
                      {p.journeyIds.length > 0 && ` (${p.journeyIds.map(nameOf).join(', ')})`}
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
            {proposal.groups.length === 0 ? (
              <Paragraph>Het voorstel bevat geen groepen om te bevestigen.</Paragraph>
            ) : (
              proposal.groups.map((group, i) => {
                const headingId = `voorstel-${i + 1}-kop`;
                return (
                  <div class="koers-row" key={headingId}>
                    <h3 class="utrecht-heading-3" id={headingId}>
                      Groep {i + 1}: {theme(group.theme)} ({group.members.length} scholen)
                    </h3>
                    <Table
                      labelledBy={headingId}
                      columns={[{ label: 'School' }, { label: 'BRIN' }, { label: 'Keuze' }, { label: 'Aangemeld' }]}
                      rows={group.members.map((m) => ({
                        key: m.journeyId,
                        cells: [caseLink(m.journeyId, m.name), m.brin, m.theme === group.theme ? 'eerste thema' : 'tweede thema', formatMoment(m.registeredAt)],
                      }))}
                    />
                  </div>
                );
              })
            )}
          </>
        )}
        {canGroup && (
          <>
            <ActionForm
              session={session}
              base={base}
              action="propose"
              title="Voorstel maken"
              failed={form('propose')}
              submit="Stel ontwikkelgroepen voor"
              secondary={Boolean(proposal?.groups.length)}
            >
              <Paragraph>
                Koers deelt de scholen die klaar zijn voor indeling in groepen van 5 tot 7 per thema in. Een nieuw voorstel vervangt het vorige.
              </Paragraph>
            </ActionForm>
            {proposal && (
              <ActionForm
                session={session}
                base={base}
                action="confirm"
                title="Voorstel bevestigen"
                failed={form('confirm')}
                submit="Bevestig ontwikkelgroepen"
              >
                <Paragraph>
                  Elke school in een groep krijgt bericht over haar groep, de kick-off en de startdag. Wie niet is ingedeeld, blijft wachten.
                </Paragraph>
              </ActionForm>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="groepen-kop" class="koers-section">
        <Heading2 id="groepen-kop">Bevestigde ontwikkelgroepen</Heading2>
        {cohort.groups.length === 0 ? (
          <Paragraph>Er zijn nog geen ontwikkelgroepen bevestigd.</Paragraph>
        ) : (
          cohort.groups.map((group) => {
            const headingId = `groep-${group.groupId.replace(/[^a-z0-9-]/g, '-')}-kop`;
            return (
              <div class="koers-row" key={group.groupId}>
                <h3 class="utrecht-heading-3" id={headingId}>
                  {theme(group.theme)} ({group.groupId})
                </h3>
                <Paragraph>
                  Bevestigd door {group.confirmedBy} op {formatMoment(group.confirmedAt)}.
                </Paragraph>
                <Table
                  labelledBy={headingId}
                  columns={[{ label: 'School' }, { label: 'BRIN' }]}
                  rows={group.members.map((m) => ({ key: m.journeyId, cells: [caseLink(m.journeyId, m.name), m.brin] }))}
                />
              </div>
            );
          })
        )}
      </section>
    </OfficePage>
  );
}
