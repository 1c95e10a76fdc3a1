/**
 * The enrolment behind an ontwikkelschool's link. A choice link (scope: the school year) lists the
 * trajectories open that year and, once the school chose, shows where it stands, including an
 * offered place to accept; an offer's link (scope: that trajectory) only accepts that one place.
 */
import type { Response } from 'express';
import { AcceptPlace, ChooseTrajectory, type EnrolmentView } from '../../domain/journey';
import type { SchoolJourneyView } from '../../domain/school-view';
import { acceptWithinScope, enrolmentScope, OFFER_LINK_CANNOT_CHOOSE } from '../../domain/links';
import { openTrajectories } from '../../services/hubs/open-trajectories';
import { text } from '../pages/form-text';
import { sendPage } from '../pages/render';
import { EnrolmentStandingPage, TrajectoryChoicePage } from './enrolment-page';
import { StepClosedPage } from './link-refusals';
import { sendAction, type SchoolStep, type StepContext } from './school-step';

/** An offer whose deadline passed lapses; the journey may not have heard yet, the page already says so. */
function lapsed(enrolment: EnrolmentView | null, now = Date.now()): boolean {
  return enrolment?.status === 'offered' && enrolment.acceptBefore !== null && Date.parse(enrolment.acceptBefore) <= now;
}

/** Where the school stands, unless that is nowhere (it has not chosen, or its offer lapsed). */
function standing(journey: SchoolJourneyView): EnrolmentView | null {
  return journey.enrolment && !lapsed(journey.enrolment) ? journey.enrolment : null;
}

/** The school may choose: it holds nothing, or only an offer that lapsed a moment ago (the workflow hears of it shortly). */
const choosingIsOpen = ({ journey }: StepContext) =>
  journey.phase === 'enrolment' && (journey.allowedActions.includes('chooseTrajectory') || lapsed(journey.enrolment));

const notOpen = (
  <StepClosedPage
    title="Een leertraject kiezen kan nu niet"
    explanation="De inschrijving waar deze link bij hoort, loopt niet meer. Neem contact op met het programmabureau als u vragen heeft over uw leertraject."
  />
);

const offerNotOpen = (
  <StepClosedPage
    title="Deze plaats staat niet meer voor u klaar"
    explanation="De termijn om deze plaats te aanvaarden is voorbij, of uw school heeft al gekozen. Kijk in uw e-mail voor het laatste bericht van het programmabureau: daarin staat wat u nu kunt doen."
  />
);

const wrongLink = (explanation: string) => <StepClosedPage title="Dit kan niet met deze link" explanation={explanation} />;

async function showChoice(ctx: StepContext, res: Response, schoolYear: string, status = 200, error?: string): Promise<void> {
  const trajectories = await openTrajectories(ctx.deps.db, { schoolYear });
  const lapsedOffer = lapsed(ctx.journey.enrolment) ? ctx.journey.enrolment!.title : undefined;
  sendPage(
    res,
    status,
    <TrajectoryChoicePage
      token={ctx.token}
      schoolName={ctx.journey.school.name}
      schoolYear={schoolYear}
      trajectories={trajectories}
      lapsedOffer={lapsedOffer}
      error={error}
    />,
  );
}

function showStanding(ctx: StepContext, res: Response, enrolment: EnrolmentView, status = 200, error?: string): void {
  sendPage(res, status, <EnrolmentStandingPage token={ctx.token} schoolName={ctx.journey.school.name} enrolment={enrolment} error={error} />);
}

async function choose(ctx: StepContext, res: Response, trajectoryId: string): Promise<void> {
  const scope = enrolmentScope(ctx.link.scope);
  if (scope.kind === 'offer') return sendPage(res, 403, wrongLink(OFFER_LINK_CANNOT_CHOOSE));
  if (!choosingIsOpen(ctx)) return sendPage(res, 409, notOpen);
  // Chosen already (another tab, a second press): the page shows where the school stands.
  if (standing(ctx.journey)) return void res.redirect(303, `/s/${ctx.token}`);

  const input = ChooseTrajectory.safeParse({ trajectoryId });
  const offered = await openTrajectories(ctx.deps.db, { schoolYear: scope.schoolYear });
  if (!input.success || !offered.some((option) => option.trajectoryId === trajectoryId)) {
    return showChoice(ctx, res, scope.schoolYear, 400, 'Kies een van de leertrajecten op deze pagina.');
  }
  const chosen = await sendAction(ctx, 'chooseTrajectory', input.data);
  if (!chosen.ok) return showChoice(ctx, res, scope.schoolYear, chosen.error.status, chosen.error.message);
  res.redirect(303, `/s/${ctx.token}`);
}

async function accept(ctx: StepContext, res: Response, trajectoryId: string): Promise<void> {
  const input = AcceptPlace.safeParse({ trajectoryId });
  if (!input.success) return sendPage(res, 400, offerNotOpen);
  const refusal = acceptWithinScope(ctx.link.scope, input.data);
  if (refusal) return sendPage(res, 403, wrongLink(refusal));
  const enrolment = ctx.journey.enrolment;
  if (enrolment?.trajectoryId === trajectoryId && enrolment.status === 'enrolled') return showStanding(ctx, res, enrolment);
  if (enrolment?.trajectoryId !== trajectoryId || enrolment.status !== 'offered' || lapsed(enrolment) || ctx.journey.phase !== 'enrolment') {
    return sendPage(res, 409, offerNotOpen);
  }

  const accepted = await sendAction(ctx, 'acceptPlace', input.data);
  if (!accepted.ok) {
    if (accepted.error.code === 'not_allowed_now') {
      return sendPage(res, 409, <StepClosedPage title="Deze plaats staat niet meer voor u klaar" explanation={accepted.error.message} />);
    }
    return showStanding(ctx, res, enrolment, accepted.error.status, accepted.error.message);
  }
  // Shown here rather than after a redirect: a spent offer link would open the "used" page.
  showStanding({ ...ctx, journey: accepted.journey }, res, accepted.journey.enrolment ?? enrolment);
}

export const enrolmentStep: SchoolStep = {
  async show(ctx, _req, res) {
    const scope = enrolmentScope(ctx.link.scope);
    const current = standing(ctx.journey);
    const ownsCurrent = current !== null && (scope.kind === 'choice' || scope.trajectoryId === current.trajectoryId);
    // An enrolled school sees its place also after the enrolment phase.
    if (ownsCurrent && current.status === 'enrolled') return showStanding(ctx, res, current);
    if (ctx.journey.phase !== 'enrolment') return sendPage(res, 409, notOpen);
    if (scope.kind === 'offer') return current?.status === 'offered' && ownsCurrent ? showStanding(ctx, res, current) : sendPage(res, 409, offerNotOpen);
    if (current) return showStanding(ctx, res, current);
    if (!choosingIsOpen(ctx)) return sendPage(res, 409, notOpen);
    await showChoice(ctx, res, scope.schoolYear);
  },

  async act(ctx, req, res) {
    const body = req.body as Record<string, unknown>;
    const trajectoryId = text(body.trajectoryId);
    switch (text(body.intent)) {
      case 'choose':
        return choose(ctx, res, trajectoryId);
      case 'accept':
        return accept(ctx, res, trajectoryId);
      default:
        res.redirect(303, `/s/${ctx.token}`);
    }
  },
};
