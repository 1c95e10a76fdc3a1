/** The expert team behind a school's link, at the start of its aspirant year. */
import { RegisterExpertTeam } from '../../domain/journey';
import { errorsByField, type FormIssue } from '../pages/form-fields';
import { sendPage } from '../pages/render';
import { ExpertTeamPage, ExpertTeamRegisteredPage, MAX_MEMBER_ROWS } from './expert-team-page';
import { intentOf, participantsFromForm, rowsShown } from './form-input';
import { StepClosedPage } from './link-refusals';
import { sendAction, type SchoolStep, type StepContext } from './school-step';
import { issuesOf } from '../../services/errors';

function teamIsOpen({ journey, link }: StepContext): boolean {
  return journey.phase === 'aspirant_year' && journey.schoolYear === link.scope && journey.allowedActions.includes('registerExpertTeam');
}

const notOpen = (
  <StepClosedPage
    title="Het expertteam doorgeven kan nu niet"
    explanation="Het aspirantjaar waar deze link bij hoort, loopt niet meer. Neem contact op met het programmabureau als u iets wilt wijzigen."
  />
);

export const expertTeamStep: SchoolStep = {
  async show(ctx, _req, res) {
    if (!teamIsOpen(ctx)) return sendPage(res, 409, notOpen);
    const members = ctx.journey.expertTeam;
    sendPage(
      res,
      200,
      <ExpertTeamPage
        token={ctx.token}
        schoolName={ctx.journey.school.name}
        schoolYear={ctx.link.scope}
        members={members}
        rows={Math.max(3, members.length + 1)}
      />,
    );
  },

  async act(ctx, req, res) {
    if (!teamIsOpen(ctx)) return sendPage(res, 409, notOpen);
    const body = req.body as Record<string, unknown>;
    const members = participantsFromForm(body.members);
    const shown = Math.max(members.length, rowsShown(body.rows, MAX_MEMBER_ROWS));
    const page = (status: number, issues: FormIssue[], rows = shown, focusLast = false) => {
      const { fields, general } = errorsByField(issues);
      sendPage(
        res,
        status,
        <ExpertTeamPage
          token={ctx.token}
          schoolName={ctx.journey.school.name}
          schoolYear={ctx.link.scope}
          members={members}
          rows={rows}
          focusLast={focusLast}
          errors={fields}
          general={general}
        />,
      );
    };
    if (intentOf(body) === 'add-member') return page(200, [], Math.min(shown + 1, MAX_MEMBER_ROWS), true);

    const input = RegisterExpertTeam.safeParse({ members });
    if (!input.success) return page(400, input.error.issues);
    const registered = await sendAction(ctx, 'registerExpertTeam', input.data);
    if (!registered.ok) {
      if (registered.error.code === 'not_allowed_now') return sendPage(res, 409, notOpen);
      return page(registered.error.status, issuesOf(registered.error));
    }
    sendPage(res, 200, <ExpertTeamRegisteredPage members={registered.journey.expertTeam} />);
  },
};
