/**
 * An ontwikkelschool chooses its learning trajectory, and then sees where it stands: enrolled, on
 * the waiting list, or offered a place that came free (with the button to accept it).
 */
import type { EnrolmentView } from '../../domain/journey';
import { formatMoment } from '../../mail/format';
import { Alert, DataList, Heading1, Heading2, Page, Paragraph } from '../pages/layout';

/** A trajectory as the choice page shows it. */
export interface TrajectoryOption {
  trajectoryId: string;
  title: string;
  freePlaces: number;
  /** Schools already on its waiting list. */
  waiting: number;
  expertschool: { name: string; region: string };
}

/** Nobody passes the line: while schools wait, a newcomer joins them even if a place just came free. */
const joinsWaitingList = (option: Pick<TrajectoryOption, 'freePlaces' | 'waiting'>) => option.freePlaces <= 0 || option.waiting > 0;

/** "nog 3 plaatsen vrij", or what choosing a full one means. */
export function placesLine(option: Pick<TrajectoryOption, 'freePlaces' | 'waiting'>): string {
  if (joinsWaitingList(option)) {
    const line = option.waiting === 1 ? 'er staat al 1 school op' : option.waiting > 1 ? `er staan al ${option.waiting} scholen op` : 'er staat nog niemand op';
    return `Vol — u komt op de wachtlijst (${line})`;
  }
  return option.freePlaces === 1 ? 'Nog 1 plaats vrij' : `Nog ${option.freePlaces} plaatsen vrij`;
}

/** Two buttons may not read the same to a screen reader: each names its trajectory. */
const chooseLabel = (option: TrajectoryOption) => (joinsWaitingList(option) ? `Op de wachtlijst voor ${option.title}` : `Kies ${option.title}`);

function ActionForm({ token, intent, trajectoryId, label }: { token: string; intent: 'choose' | 'accept'; trajectoryId: string; label: string }) {
  return (
    <form method="post" action={`/s/${token}`} class="koers-actions">
      <input type="hidden" name="trajectoryId" value={trajectoryId} />
      <button class="utrecht-button utrecht-button--primary-action utrecht-button--submit" type="submit" name="intent" value={intent}>
        {label}
      </button>
    </form>
  );
}

export function TrajectoryChoicePage(props: {
  token: string;
  schoolName: string;
  schoolYear: string;
  trajectories: TrajectoryOption[];
  /** The trajectory whose offered place lapsed, when that is why the school chooses again. */
  lapsedOffer?: string | undefined;
  /** A refusal (the workflow's, in Dutch) of the school's last choice. */
  error?: string | undefined;
}) {
  const { trajectories } = props;
  return (
    <Page title={props.error ? 'Fout: kies uw leertraject' : 'Kies uw leertraject'}>
      <Heading1>Kies een leertraject voor {props.schoolName}</Heading1>
      <Paragraph lead>
        Kies het leertraject waarin uw school in het schooljaar {props.schoolYear} leert van een expertschool. U kiest één leertraject.
      </Paragraph>
      {props.lapsedOffer && (
        <Alert type="info">
          <p class="utrecht-paragraph">
            De plaats in {props.lapsedOffer} is niet op tijd aanvaard en is naar de volgende school op de wachtlijst gegaan. U kunt hieronder opnieuw kiezen.
          </p>
        </Alert>
      )}
      {props.error && (
        <Alert type="error" title="Uw keuze is niet verwerkt">
          <p class="utrecht-paragraph">{props.error}</p>
        </Alert>
      )}
      {trajectories.length === 0 ? (
        <Paragraph>Er zijn op dit moment geen leertrajecten open voor het schooljaar {props.schoolYear}. Het programmabureau neemt contact met u op.</Paragraph>
      ) : (
        <>
          <Paragraph>Vol is vol: wie eerst kiest, heeft eerst een plaats. Kiest u een vol leertraject, dan komt u op de wachtlijst.</Paragraph>
          {trajectories.map((option) => {
            const headingId = `traject-${option.trajectoryId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
            return (
              <section class="koers-section" aria-labelledby={headingId} key={option.trajectoryId}>
                <Heading2 id={headingId}>{option.title}</Heading2>
                <DataList
                  items={[
                    ['Expertschool', `${option.expertschool.name} (${option.expertschool.region})`],
                    ['Plaatsen', placesLine(option)],
                  ]}
                />
                <ActionForm token={props.token} intent="choose" trajectoryId={option.trajectoryId} label={chooseLabel(option)} />
              </section>
            );
          })}
        </>
      )}
    </Page>
  );
}

/** Where the school stands after choosing; an offered place comes with its deadline and the button to accept it. */
export function EnrolmentStandingPage(props: { token: string; schoolName: string; enrolment: EnrolmentView; error?: string | undefined }) {
  const { enrolment } = props;
  const trajectory: [string, string][] = [
    ['Leertraject', enrolment.title],
    ['Expertschool', enrolment.expertschoolName],
  ];
  const errorAlert = props.error && (
    <Alert type="error" title="Het aanvaarden is niet gelukt">
      <p class="utrecht-paragraph">{props.error}</p>
    </Alert>
  );
  switch (enrolment.status) {
    case 'enrolled':
      return (
        <Page title="U heeft een plaats">
          <Heading1>U heeft een plaats</Heading1>
          <Alert type="ok">
            <p class="utrecht-paragraph">
              {props.schoolName} is ingeschreven voor het leertraject {enrolment.title} van expertschool {enrolment.expertschoolName}.
            </p>
          </Alert>
          <DataList items={trajectory} />
          <Paragraph>
            Tijdens het leerjaar vragen we u twee keer een korte vragenlijst in te vullen: een nulmeting aan het begin en een eindmeting aan het eind. U krijgt
            daarvoor steeds een e-mail met een link. U hoeft nu niets te doen.
          </Paragraph>
        </Page>
      );
    case 'waiting':
      return (
        <Page title="U staat op de wachtlijst">
          <Heading1>U staat op de wachtlijst</Heading1>
          <Paragraph lead>
            Het leertraject {enrolment.title} is vol. {props.schoolName} staat op de wachtlijst
            {enrolment.position !== null ? `, op plaats ${enrolment.position}` : ''}.
          </Paragraph>
          <DataList
            items={[...trajectory, ...(enrolment.position !== null ? [['Plaats op de wachtlijst', String(enrolment.position)] as [string, string]] : [])]}
          />
          <Paragraph>
            Komt er een plaats vrij, dan bieden we die aan de eerste school op de wachtlijst aan. U krijgt dan een e-mail met een link om de plaats te
            aanvaarden. Wilt u liever een ander leertraject? Neem dan contact op met het programmabureau.
          </Paragraph>
        </Page>
      );
    case 'offered': {
      const deadline = enrolment.acceptBefore ? formatMoment(enrolment.acceptBefore) : null;
      return (
        <Page title={props.error ? 'Fout: plaats aanvaarden' : 'Er is een plaats vrij voor u'}>
          <Heading1>Er is een plaats vrij voor u</Heading1>
          <Paragraph lead>
            In het leertraject {enrolment.title} is een plaats vrijgekomen. {props.schoolName} stond als eerste op de wachtlijst, dus de plaats is voor u.
          </Paragraph>
          {errorAlert}
          <DataList items={[...trajectory, ...(deadline ? [['Aanvaarden kan tot', deadline] as [string, string]] : [])]} />
          <Paragraph>
            Aanvaardt u de plaats niet op tijd, dan gaat hij naar de volgende school op de wachtlijst. U krijgt dan een e-mail met een link om opnieuw te
            kiezen.
          </Paragraph>
          <ActionForm token={props.token} intent="accept" trajectoryId={enrolment.trajectoryId} label={`Plaats in ${enrolment.title} aanvaarden`} />
        </Page>
      );
    }
  }
}
