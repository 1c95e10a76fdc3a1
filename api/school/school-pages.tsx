/**
 * The pages a school reaches from its e-mailed links: /s/<token>. The token alone says which case
 * and which step; the link is checked on every request, and every action goes to the journey's
 * workflow, so the page shows what the workflow decided.
 */
import type { Client } from '@temporalio/client';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { openLink, type LinkGrant, type LinkRefusal } from '../../services/links/open-link';
import { openSchoolView } from '../../services/school-actions/read-school-view';
import type { LinkPurpose } from '../../domain/links';
import { conversationInvitation } from '../../mail/conversation-invitation';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { requestLinkRenewal } from '../../services/links/new-links';
import { pageHeaders } from '../pages/page-headers';
import { sendPage } from '../pages/render';
import { applicationStep } from './application-step';
import { conversationStep } from './conversation-step';
import { enrolmentStep } from './enrolment-step';
import { expertTeamStep } from './expert-team-step';
import { formStep } from './form-step';
import { RefusalPage, RenewalRequestedPage, StepClosedPage, refusalText } from './link-refusals';
import { isRegistrationLink, registrationStep } from './registration-step';
import type { SchoolStep, StepContext } from './school-step';

export interface SchoolPageDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** The programme office's address, as organizer in the calendar invitation. */
  organizerEmail: string;
  log: Logger;
  /** Requests per minute one address may make to the school pages (a school's network shares one). */
  requestsPerMinute?: number;
}

const steps: Record<LinkPurpose, SchoolStep> = {
  application: applicationStep,
  conversation: conversationStep,
  'expert-team': expertTeamStep,
  enrolment: enrolmentStep,
  form: formStep,
};

/** The step a link opens: by its purpose, except that the registration mail's self-evaluation link opens the whole registration. */
const stepFor = (link: LinkGrant): SchoolStep => (isRegistrationLink(link) ? registrationStep : steps[link.purpose]);

export function schoolPagesRouter(deps: SchoolPageDependencies): Router {
  const router = Router();
  const form = express.urlencoded({ extended: true, limit: '512kb', parameterLimit: 5_000 });
  router.use('/s', pageHeaders);
  // Every page asks the workflow and the database: a flood from one address is slowed, not served.
  router.use(
    '/s',
    rateLimit({
      windowMs: 60_000,
      limit: deps.requestsPerMinute ?? 120,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) =>
        sendPage(
          res,
          429,
          <StepClosedPage title="Even geduld" explanation="Er kwamen veel verzoeken tegelijk van uw netwerk. Probeer het over een minuut opnieuw." />,
        ),
    }),
  );

  function refuse(res: Response, token: string, refusal: LinkRefusal): void {
    sendPage(res, refusalText(refusal).status, <RefusalPage refusal={refusal} token={token} />);
  }

  /** Opens the link and the journey behind it, or answers with the refusal page. */
  async function withStep(req: Request, res: Response, then: (ctx: StepContext, step: SchoolStep) => Promise<void>): Promise<void> {
    const token = String(req.params.token);
    // A page view reads the case record; an action (POST) checks against the workflow as it is now.
    const opened = await openSchoolView(deps, token, {}, req.method === 'POST');
    if (!opened.ok) return refuse(res, token, opened.refusal);
    const { link, journey } = opened;
    await then({ token, link, journey, deps: { db: deps.db, temporal: deps.temporal } }, stepFor(link));
  }

  router.get('/s/:token', (req, res) => withStep(req, res, (ctx, step) => step.show(ctx, req, res)));
  router.post('/s/:token', form, (req, res) => withStep(req, res, (ctx, step) => step.act(ctx, req, res)));

  router.get('/s/:token/uitnodiging.ics', (req, res) =>
    withStep(req, res, async (ctx) => {
      const planned = ctx.journey.plannedConversation;
      if (ctx.link.purpose !== 'conversation' || !planned) return void res.status(404).type('text').send('Geen agenda-uitnodiging bij deze link.');
      const ics = conversationInvitation({
        uid: `${ctx.journey.journeyId}-conversation-${ctx.journey.cycle}@koers`,
        sequence: planned.number - 1,
        kind: planned.kind,
        schoolName: ctx.journey.school.name,
        startsAt: planned.startsAt,
        durationMinutes: planned.durationMinutes,
        location: planned.location,
        organizerEmail: deps.organizerEmail,
      });
      res.set('Cache-Control', 'no-store').type('text/calendar; charset=utf-8').attachment('uitnodiging.ics').send(ics);
    }),
  );

  // Asked from the expired-link page. The answer is the same whatever happens next, so it tells
  // nobody whether the step is still open; the new link goes to the school's known address.
  router.post('/s/:token/nieuwe-link', form, async (req, res) => {
    const token = String(req.params.token);
    const check = await openLink(deps.db, token);
    if (check.status !== 'expired') return check.status === 'valid' ? res.redirect(303, `/s/${token}`) : refuse(res, token, check);
    await requestLinkRenewal(deps, check.linkId);
    sendPage(res, 202, <RenewalRequestedPage />);
  });

  // A school sees a page, never JSON, also when something on our side fails.
  router.use('/s', ((error, req, res, _next) => {
    deps.log.error({ err: error, method: req.method, route: req.route?.path ?? '/s' }, 'school page failed');
    sendPage(
      res,
      503,
      <StepClosedPage title="Er ging iets mis aan onze kant" explanation="Probeer het over een paar minuten opnieuw. Wat al was opgeslagen, blijft bewaard." />,
    );
  }) as ErrorRequestHandler);

  return router;
}
