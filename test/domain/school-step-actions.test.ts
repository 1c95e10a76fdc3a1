/**
 * The enrolment and form steps behind a link, without the engine: a journey as the workflow would
 * show it, the Update sent (or not) for what the school posts, and the page and status it gets.
 */
import type { Request, Response } from 'express';
import { AppError } from '../../services/errors';
import { enrolmentStep } from '../../api/school/enrolment-step';
import { formStep } from '../../api/school/form-step';
import type { StepContext } from '../../api/school/school-step';
import { formDefinitions } from '../../domain/forms';
import type { EnrolmentView, JourneyView } from '../../domain/journey';
import type { LinkPurpose } from '../../domain/links';

jest.mock('../../services/hubs/open-trajectories', () => ({
  openTrajectories: jest.fn(async () => [
    {
      trajectoryId: 'hub-12AB-2040-2041/t1',
      hubId: 'hub-12AB-2040-2041',
      title: 'Begrijpend lezen',
      places: 6,
      enrolled: 4,
      waiting: 0,
      freePlaces: 2,
      expertschool: { brin: '12AB', name: 'Het Kompas', region: 'Utrecht', sector: 'PO' },
    },
  ]),
}));

const token = 'A'.repeat(43);
const trajectoryA = 'hub-12AB-2040-2041/t1';
const trajectoryB = 'hub-34CD-2040-2041/t2';
const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
const earlier = new Date(Date.now() - 60_000).toISOString();

function journeyWith(extra: Partial<JourneyView>): JourneyView {
  return {
    journeyId: 'journey-ontwikkelschool-56EF',
    track: 'ontwikkelschool',
    school: { brin: '56EF', name: 'Basisschool De Klimop' },
    phase: 'enrolment',
    allowedActions: [],
    enrolment: null,
    forms: [],
    ...extra,
  } as JourneyView;
}

const offered = (trajectoryId = trajectoryA, acceptBefore = later): EnrolmentView => ({
  trajectoryId,
  title: 'Begrijpend lezen',
  expertschoolName: 'Het Kompas',
  status: 'offered',
  position: null,
  acceptBefore,
});

interface Answer {
  status: number;
  html: string;
  redirect?: string;
}

function fakeResponse(): { res: Response; answer: Answer } {
  const answer: Answer = { status: 200, html: '' };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    set: () => res,
    type: () => res,
    send(html: string) {
      answer.html = html;
      return res;
    },
    redirect(code: number, url: string) {
      answer.status = code;
      answer.redirect = url;
    },
  };
  return { res: res as unknown as Response, answer };
}

function context(purpose: LinkPurpose, scope: string, journey: JourneyView, update: (input: unknown) => Promise<JourneyView> = async () => journey) {
  const executeUpdate = jest.fn(async (_definition: { name: string }, { args }: { args: unknown[] }) => update(args[0]));
  const markUsed = jest.fn(async () => ({ count: 1 }));
  const link = {
    id: 'link-1',
    journeyId: journey.journeyId,
    purpose,
    scope,
    singleUse: purpose !== 'enrolment' || scope !== '2040-2041',
    stepEndsAt: new Date(later),
    expiresAt: new Date(later),
  };
  // The one door for school actions opens the link again and sends the Update through the journey's handle.
  const db = {
    // Opening the link: its row and its journey's phase, in one statement.
    $queryRaw: async () => [{ ...link, revokedAt: null, usedAt: null, phase: journey.phase }],
    linkToken: { updateMany: markUsed },
  };
  const temporal = { workflow: { getHandle: () => ({ executeUpdate, query: async () => journey }) } };
  const ctx = { token, link, deps: { db, temporal }, journey } as unknown as StepContext;
  return { ctx, executeUpdate, markUsed };
}

async function show(step: typeof enrolmentStep, ctx: StepContext): Promise<Answer> {
  const { res, answer } = fakeResponse();
  await step.show(ctx, {} as Request, res);
  return answer;
}

async function post(step: typeof enrolmentStep, ctx: StepContext, body: Record<string, unknown>): Promise<Answer> {
  const { res, answer } = fakeResponse();
  await step.act(ctx, { body } as Request, res);
  return answer;
}

describe('the enrolment step, with a choice link', () => {
  const choosing = journeyWith({ allowedActions: ['chooseTrajectory', 'cancelJourney'] });

  it('lists the open trajectories of the school year', async () => {
    const page = await show(enrolmentStep, context('enrolment', '2040-2041', choosing).ctx);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Kies een leertraject voor Basisschool De Klimop');
    expect(page.html).toContain('Het Kompas (Utrecht)');
    expect(page.html).toContain('Nog 2 plaatsen vrij');
  });

  it('sends the choice to the workflow and then shows where the school stands', async () => {
    const { ctx, executeUpdate } = context('enrolment', '2040-2041', choosing);
    const page = await post(enrolmentStep, ctx, { intent: 'choose', trajectoryId: trajectoryA });
    expect(executeUpdate).toHaveBeenCalledWith(expect.objectContaining({ name: 'chooseTrajectory' }), { args: [{ trajectoryId: trajectoryA }] });
    expect(page).toMatchObject({ status: 303, redirect: `/s/${token}` });
  });

  it('refuses a trajectory that is not on the page without asking the workflow', async () => {
    const { ctx, executeUpdate } = context('enrolment', '2040-2041', choosing);
    const page = await post(enrolmentStep, ctx, { intent: 'choose', trajectoryId: trajectoryB });
    expect(executeUpdate).not.toHaveBeenCalled();
    expect(page.status).toBe(400);
    expect(page.html).toContain('Kies een van de leertrajecten op deze pagina.');
  });

  it("shows the workflow's refusal in Dutch on the page", async () => {
    const refusal = new AppError('invalid_input', 'Dit leertraject wordt in schooljaar 2040-2041 niet aangeboden.');
    const { ctx } = context('enrolment', '2040-2041', choosing, () => Promise.reject(refusal));
    const page = await post(enrolmentStep, ctx, { intent: 'choose', trajectoryId: trajectoryA });
    expect(page.status).toBe(400);
    expect(page.html).toContain('Uw keuze is niet verwerkt');
    expect(page.html).toContain('Dit leertraject wordt in schooljaar 2040-2041 niet aangeboden.');
  });

  it('shows an offer with the accept button, and a lapsed offer as a new choice', async () => {
    const holding = await show(enrolmentStep, context('enrolment', '2040-2041', journeyWith({ enrolment: offered(), allowedActions: ['acceptPlace'] })).ctx);
    expect(holding.status).toBe(200);
    expect(holding.html).toContain('value="accept"');
    const lapsed = await show(enrolmentStep, context('enrolment', '2040-2041', journeyWith({ enrolment: offered(trajectoryA, earlier) })).ctx);
    expect(lapsed.status).toBe(200);
    expect(lapsed.html).toContain('is niet op tijd aanvaard');
    expect(lapsed.html).toContain('value="choose"');
  });

  it('says choosing is over once the journey left the enrolment phase', async () => {
    const page = await show(enrolmentStep, context('enrolment', '2040-2041', journeyWith({ phase: 'closed' })).ctx);
    expect(page.status).toBe(409);
    expect(page.html).toContain('Een leertraject kiezen kan nu niet');
  });
});

describe('the enrolment step, with the link of an offer', () => {
  const holding = journeyWith({ enrolment: offered(), allowedActions: ['acceptPlace', 'cancelJourney'] });

  it('accepts its own place, spends the link, and shows the place', async () => {
    const { ctx, executeUpdate, markUsed } = context('enrolment', trajectoryA, holding, async () =>
      journeyWith({ enrolment: { ...offered(), status: 'enrolled', acceptBefore: null } }),
    );
    expect((await show(enrolmentStep, ctx)).html).toContain('Plaats in Begrijpend lezen aanvaarden');
    const page = await post(enrolmentStep, ctx, { intent: 'accept', trajectoryId: trajectoryA });
    expect(executeUpdate).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'acceptPlace' }),
      expect.objectContaining({ args: [{ trajectoryId: trajectoryA }] }),
    );
    expect(markUsed).toHaveBeenCalled();
    expect(page.status).toBe(200);
    expect(page.html).toContain('U heeft een plaats');
  });

  it('cannot accept another trajectory, nor choose one', async () => {
    const { ctx, executeUpdate } = context('enrolment', trajectoryA, journeyWith({ enrolment: offered(trajectoryB) }));
    const other = await post(enrolmentStep, ctx, { intent: 'accept', trajectoryId: trajectoryB });
    expect(other.status).toBe(403);
    expect(other.html).toContain('Deze link hoort bij de plaats in een ander leertraject.');
    const choose = await post(enrolmentStep, ctx, { intent: 'choose', trajectoryId: trajectoryA });
    expect(choose.status).toBe(403);
    expect(executeUpdate).not.toHaveBeenCalled();
    expect((await show(enrolmentStep, ctx)).status).toBe(409);
  });

  it('says the place is no longer there once the deadline passed', async () => {
    const { ctx, executeUpdate } = context('enrolment', trajectoryA, journeyWith({ enrolment: offered(trajectoryA, earlier) }));
    expect((await show(enrolmentStep, ctx)).html).toContain('Deze plaats staat niet meer voor u klaar');
    expect((await post(enrolmentStep, ctx, { intent: 'accept', trajectoryId: trajectoryA })).status).toBe(409);
    expect(executeUpdate).not.toHaveBeenCalled();
  });
});

describe('the form step', () => {
  const statements = Object.keys(formDefinitions.nulmeting.statements);
  const requested = {
    kind: 'nulmeting' as const,
    scope: '2040-2041',
    requestedAt: earlier,
    dueAt: later,
    status: 'requested' as const,
    remindersSent: 0,
    answer: null,
  };
  const learning = journeyWith({ phase: 'learning_year', allowedActions: ['answerForm', 'cancelJourney'], forms: [requested] });

  it('shows the form of the link', async () => {
    const page = await show(formStep, context('form', 'nulmeting/2040-2041', learning).ctx);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Nulmeting van Basisschool De Klimop');
  });

  it('names a missing score next to its statement, keeps the other answers and sends nothing', async () => {
    const { ctx, executeUpdate } = context('form', 'nulmeting/2040-2041', learning);
    const page = await post(formStep, ctx, { scores: { vision: '4' }, remarks: 'Tot zover.' });
    expect(executeUpdate).not.toHaveBeenCalled();
    expect(page.status).toBe(400);
    expect(page.html).toContain('id="scores-practice-fout"');
    expect(page.html).toMatch(/name="scores\[vision\]" value="4" checked/);
    expect(page.html).toContain('Tot zover.</textarea>');
  });

  it('sends the answers for the form of the link, spends the link and thanks the school', async () => {
    const scores = Object.fromEntries(statements.map((key) => [key, '4']));
    const { ctx, executeUpdate, markUsed } = context('form', 'nulmeting/2040-2041', learning);
    const page = await post(formStep, ctx, { scores, remarks: '' });
    expect(executeUpdate).toHaveBeenCalledWith(expect.objectContaining({ name: 'answerForm' }), {
      args: [{ kind: 'nulmeting', scope: '2040-2041', scores: Object.fromEntries(statements.map((key) => [key, 4])), remarks: '' }],
      updateId: 'link-link-1',
    });
    expect(markUsed).toHaveBeenCalled();
    expect(page.status).toBe(200);
    expect(page.html).toContain('Uw nulmeting is ontvangen.');
  });

  it('says so when the form was answered, is past its due date, or is not asked', async () => {
    const answer = { scores: Object.fromEntries(statements.map((key) => [key, 3])), remarks: '', at: earlier };
    const answered = journeyWith({ phase: 'learning_year', forms: [{ ...requested, status: 'answered', answer }] });
    expect(await show(formStep, context('form', 'nulmeting/2040-2041', answered).ctx)).toMatchObject({
      status: 200,
      html: expect.stringContaining('al ingevuld'),
    });
    const late = journeyWith({ phase: 'learning_year', allowedActions: ['answerForm'], forms: [{ ...requested, dueAt: earlier }] });
    expect(await show(formStep, context('form', 'nulmeting/2040-2041', late).ctx)).toMatchObject({ status: 409, html: expect.stringContaining('is voorbij') });
    // The nulmeting's link does not open the eindmeting, nor a form the journey did not ask.
    expect((await show(formStep, context('form', 'eindmeting/2040-2041', learning).ctx)).status).toBe(409);
  });
});
