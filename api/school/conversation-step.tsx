/** The invitation behind a school's link: confirm the conversation or ask for another moment. */
import { RespondToConversation } from '../../domain/journey';
import { errorsByField, type FormIssue } from '../pages/form-fields';
import { sendPage } from '../pages/render';
import { ConversationAnsweredPage, ConversationPage } from './conversation-page';
import { text } from '../pages/form-text';
import { StepClosedPage } from './link-refusals';
import { sendAction, type SchoolStep, type StepContext } from './school-step';
import { issuesOf } from '../../services/errors';

/** The invitation this link was sent with, while it still waits for an answer. */
function openInvitation({ journey, link }: StepContext) {
  const planned = journey.plannedConversation;
  const stillOpen = journey.phase === 'conversation' && planned !== null && `${journey.cycle}-${planned.number}` === link.scope && planned.response === null;
  return stillOpen ? planned : null;
}

const notOpen = (
  <StepClosedPage
    title="Deze uitnodiging staat niet meer open"
    explanation="Op deze uitnodiging is al geantwoord, of er is een nieuwere. Kijk in uw e-mail voor het laatste bericht van het programmabureau."
  />
);

export const conversationStep: SchoolStep = {
  async show(ctx, _req, res) {
    const conversation = openInvitation(ctx);
    if (!conversation) return sendPage(res, 409, notOpen);
    sendPage(res, 200, <ConversationPage token={ctx.token} schoolName={ctx.journey.school.name} conversation={conversation} />);
  },

  async act(ctx, req, res) {
    const conversation = openInvitation(ctx);
    if (!conversation) return sendPage(res, 409, notOpen);
    const body = req.body as Record<string, unknown>;
    const values = { answer: text(body.answer), note: text(body.note) };
    const page = (status: number, issues: FormIssue[]) => {
      const { fields, general } = errorsByField(issues);
      sendPage(
        res,
        status,
        <ConversationPage
          token={ctx.token}
          schoolName={ctx.journey.school.name}
          conversation={conversation}
          values={values}
          errors={fields}
          general={general}
        />,
      );
    };

    const input = RespondToConversation.safeParse(values);
    if (!input.success) return page(400, input.error.issues);
    const answered = await sendAction(ctx, 'respondToConversation', input.data);
    if (!answered.ok) {
      if (answered.error.code === 'not_allowed_now') return sendPage(res, 409, notOpen);
      return page(answered.error.status, issuesOf(answered.error));
    }
    sendPage(res, 200, <ConversationAnsweredPage conversation={answered.journey.plannedConversation!} />);
  },
};
