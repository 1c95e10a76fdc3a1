/**
 * The enrolment, form and registration steps without the engine: the scope a link allows, the pages
 * rendered to HTML (their labels, fieldsets and buttons), and what a posted form becomes.
 */
import { h, type JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { journeyAction } from '../../services/journeys/journey-actions';
import { checkLinkScope, linkUpdateId, takeSchoolAction } from '../../services/school-actions/take-school-action';
import { readSchoolView } from '../../services/school-actions/read-school-view';
import { EnrolmentStandingPage, placesLine, TrajectoryChoicePage, type TrajectoryOption } from '../../api/school/enrolment-page';
import { formAnswerFromForm } from '../../api/school/form-input';
import { FormAnsweredPage, FormPage, FormPastDuePage } from '../../api/school/form-page';
import { errorsByField } from '../../api/pages/form-fields';
import { AnswerForm, formDefinitions } from '../../domain/forms';
import type { EnrolmentView, JourneyView } from '../../domain/journey';
import { acceptWithinScope, answerWithinScope, chooseWithinScope, enrolmentScope, formScope, parseFormScope } from '../../domain/links';
import { LinkPurpose, purposeLabel, purposePhases } from '../../domain/links';
import { RegistrationClosedPage, RegistrationPage, RegistrationStandingPage } from '../../api/school/registration-page';
import { checkRegistration, isRegistrationLink, registrationFromForm, registrationState } from '../../api/school/registration-step';
import type { RegistrationView } from '../../domain/cohort';
import type { SchoolJourneyView } from '../../domain/school-view';
import type { Client } from '@temporalio/client';
import type { Db } from '../../platform/db';
import type { LinkGrant } from '../../services/links/open-link';

const render = (page: JSX.Element) => renderToString(page);
const token = 'A'.repeat(43);
const trajectoryA = 'hub-12AB-2027-2028/t1';
const trajectoryB = 'hub-34CD-2027-2028/t2';

describe('link purposes', () => {
  it('name every step in Dutch and the phases in which it can be taken', () => {
    for (const purpose of LinkPurpose.options) {
      expect(purposeLabel[purpose]).toMatch(/^(uw|de|het) /);
      expect(purposePhases[purpose].length).toBeGreaterThan(0);
    }
    expect(purposePhases.enrolment).toEqual(['enrolment']);
    expect(purposePhases.form).toEqual(['learning_year', 'execution', 'registration']);
  });
});

describe('link scopes', () => {
  it('tell a choice link (a school year) from an offer link (a trajectory)', () => {
    expect(enrolmentScope('2027-2028')).toEqual({ kind: 'choice', schoolYear: '2027-2028' });
    expect(enrolmentScope(trajectoryA)).toEqual({ kind: 'offer', trajectoryId: trajectoryA });
  });

  it('write and read back the one form a link opens', () => {
    expect(formScope({ kind: 'nulmeting', scope: '2027-2028' })).toBe('nulmeting/2027-2028');
    expect(parseFormScope('nulmeting/2027-2028')).toEqual({ kind: 'nulmeting', scope: '2027-2028' });
    expect(parseFormScope('interim_evaluation/2')).toEqual({ kind: 'interim_evaluation', scope: '2' });
    expect(parseFormScope('onbekend/2027-2028')).toBeNull();
    expect(parseFormScope('nulmeting')).toBeNull();
  });

  it('let a choice link choose and accept, and an offer link accept only its own trajectory', () => {
    expect(chooseWithinScope('2027-2028', { trajectoryId: trajectoryA })).toBeNull();
    expect(acceptWithinScope('2027-2028', { trajectoryId: trajectoryA })).toBeNull();
    expect(acceptWithinScope(trajectoryA, { trajectoryId: trajectoryA })).toBeNull();
    expect(acceptWithinScope(trajectoryA, { trajectoryId: trajectoryB })).toMatch(/ander leertraject/);
    expect(chooseWithinScope(trajectoryA, { trajectoryId: trajectoryA })).toMatch(/alleen de plaats aanvaarden/);
  });

  it('let a form link answer its own form only', () => {
    expect(answerWithinScope('nulmeting/2027-2028', { kind: 'nulmeting', scope: '2027-2028' })).toBeNull();
    expect(answerWithinScope('nulmeting/2027-2028', { kind: 'eindmeting', scope: '2027-2028' })).toMatch(/andere vragenlijst/);
    expect(answerWithinScope('nulmeting/2027-2028', { kind: 'nulmeting', scope: '2028-2029' })).toMatch(/andere vragenlijst/);
  });
});

describe('the school actions over JSON', () => {
  const action = (name: string) => journeyAction(name)!;
  const refusal = (name: string, input: unknown, scope?: string) => {
    try {
      checkLinkScope(action(name), input as never, scope === undefined ? undefined : { scope });
      return null;
    } catch (error) {
      return error as { code: string; status: number };
    }
  };

  it('are declared with their link purpose', () => {
    expect(action('trajectory-choice').who).toMatchObject({ office: false, linkPurpose: 'enrolment' });
    expect(action('place-acceptance').who).toMatchObject({ office: false, linkPurpose: 'enrolment' });
    expect(action('form-answer').who).toMatchObject({ office: false, linkPurpose: 'form' });
  });

  it('refuse a nulmeting link answering the eindmeting, and an offer link accepting another trajectory (403)', () => {
    const eindmeting = { kind: 'eindmeting', scope: '2027-2028', scores: {}, remarks: '' };
    expect(refusal('form-answer', eindmeting, 'nulmeting/2027-2028')).toMatchObject({ code: 'link_wrong_purpose', status: 403 });
    expect(refusal('form-answer', eindmeting, 'eindmeting/2027-2028')).toBeNull();
    expect(refusal('place-acceptance', { trajectoryId: trajectoryB }, trajectoryA)).toMatchObject({ code: 'link_wrong_purpose', status: 403 });
    expect(refusal('place-acceptance', { trajectoryId: trajectoryA }, trajectoryA)).toBeNull();
    expect(refusal('trajectory-choice', { trajectoryId: trajectoryA }, trajectoryA)).toMatchObject({ code: 'link_wrong_purpose' });
    expect(refusal('trajectory-choice', { trajectoryId: trajectoryA }, '2027-2028')).toBeNull();
  });

  it('fail closed without a link', () => {
    expect(refusal('form-answer', { kind: 'nulmeting', scope: '2027-2028' })).toMatchObject({ code: 'link_required', status: 401 });
  });
});

describe('the enrolment pages', () => {
  const options: TrajectoryOption[] = [
    { trajectoryId: trajectoryA, title: 'Begrijpend lezen', freePlaces: 2, waiting: 0, expertschool: { name: 'Het Kompas', region: 'Utrecht' } },
    { trajectoryId: trajectoryB, title: '<script>Rekenen</script>', freePlaces: 0, waiting: 3, expertschool: { name: 'De Vlinder', region: 'Noord-Holland' } },
  ];

  it('say how many places are free, or that the school joins the waiting list', () => {
    expect(placesLine({ freePlaces: 1, waiting: 0 })).toBe('Nog 1 plaats vrij');
    expect(placesLine({ freePlaces: 4, waiting: 0 })).toBe('Nog 4 plaatsen vrij');
    expect(placesLine({ freePlaces: 0, waiting: 1 })).toBe('Vol — u komt op de wachtlijst (er staat al 1 school op)');
    expect(placesLine({ freePlaces: 0, waiting: 0 })).toBe('Vol — u komt op de wachtlijst (er staat nog niemand op)');
    // A place that just came free goes to the first in line, not to a newcomer.
    expect(placesLine({ freePlaces: 1, waiting: 2 })).toBe('Vol — u komt op de wachtlijst (er staan al 2 scholen op)');
  });

  it('list each trajectory with its expertschool, region and places, and a button that names it', () => {
    const html = render(h(TrajectoryChoicePage, { token, schoolName: 'De Regenboog', schoolYear: '2027-2028', trajectories: options }));
    expect(html).toContain('<title>Kies uw leertraject – Ontwikkelkracht</title>');
    expect(html).toContain('Het Kompas (Utrecht)');
    expect(html).toContain('Nog 2 plaatsen vrij');
    expect(html).toContain('Vol — u komt op de wachtlijst (er staan al 3 scholen op)');
    expect(html).toContain(`<input type="hidden" name="trajectoryId" value="${trajectoryA}"/>`);
    expect(html).toContain('value="choose">Kies Begrijpend lezen</button>');
    expect(html).toContain('value="choose">Op de wachtlijst voor &lt;script>Rekenen&lt;/script></button>');
    expect(html).not.toContain('<script>');
    expect(html.match(/<form /g)).toHaveLength(2);
  });

  it('show a refusal of the workflow, and say so when nothing is open', () => {
    const refused = render(
      h(TrajectoryChoicePage, { token, schoolName: 'De Regenboog', schoolYear: '2027-2028', trajectories: options, error: 'Dit kan nu niet.' }),
    );
    expect(refused).toContain('<title>Fout: kies uw leertraject – Ontwikkelkracht</title>');
    expect(refused).toContain('role="alert"');
    expect(refused).toContain('Dit kan nu niet.');
    const none = render(h(TrajectoryChoicePage, { token, schoolName: 'De Regenboog', schoolYear: '2027-2028', trajectories: [] }));
    expect(none).toContain('Er zijn op dit moment geen leertrajecten open voor het schooljaar 2027-2028.');
    expect(none).not.toContain('<form ');
  });

  const enrolment = (status: EnrolmentView['status'], extra: Partial<EnrolmentView> = {}): EnrolmentView => ({
    trajectoryId: trajectoryA,
    title: 'Begrijpend lezen',
    expertschoolName: 'Het Kompas',
    status,
    position: null,
    acceptBefore: null,
    ...extra,
  });

  it('show where the school stands: enrolled, waiting with its position, offered with the deadline and the accept button', () => {
    const enrolled = render(h(EnrolmentStandingPage, { token, schoolName: 'De Regenboog', enrolment: enrolment('enrolled') }));
    expect(enrolled).toContain('De Regenboog is ingeschreven voor het leertraject Begrijpend lezen van expertschool Het Kompas.');
    expect(enrolled).not.toContain('<form ');

    const waiting = render(h(EnrolmentStandingPage, { token, schoolName: 'De Regenboog', enrolment: enrolment('waiting', { position: 2 }) }));
    expect(waiting).toContain('<h1 class="utrecht-heading-1">U staat op de wachtlijst</h1>');
    expect(waiting).toContain(', op plaats 2');
    expect(waiting).not.toContain('<form ');

    const offered = render(
      h(EnrolmentStandingPage, { token, schoolName: 'De Regenboog', enrolment: enrolment('offered', { acceptBefore: '2027-06-22T15:00:00.000Z' }) }),
    );
    expect(offered).toContain('dinsdag 22 juni 2027 om 17:00');
    expect(offered).toContain('value="accept">Plaats in Begrijpend lezen aanvaarden</button>');
    expect(offered).toContain(`action="/s/${token}"`);
  });
});

describe('the form pages', () => {
  const form = { kind: 'nulmeting' as const, scope: '2027-2028', dueAt: '2027-10-01T07:00:00.000Z' };
  const statements = Object.keys(formDefinitions.nulmeting.statements);

  it('give each statement a fieldset with its legend and five labelled radio buttons, then the remarks', () => {
    const html = render(h(FormPage, { token, schoolName: 'De Regenboog', form }));
    expect(html).toContain('<title>Nulmeting – Ontwikkelkracht</title>');
    expect(html).toContain('vrijdag 1 oktober 2027 om 09:00');
    expect(html.match(/<fieldset /g)).toHaveLength(statements.length);
    expect(html).toContain(
      `<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">1. ${formDefinitions.nulmeting.statements.vision}</legend>`,
    );
    expect(html.match(/type="radio"/g)).toHaveLength(statements.length * 5);
    expect(html).toContain('name="scores[vision]" value="1"');
    expect(html).toContain('<label class="utrecht-form-label utrecht-form-label--radio" for="scores-vision-0">1 – helemaal niet</label>');
    expect(html).toContain('<label class="utrecht-form-label utrecht-form-label--radio" for="scores-vision-4">5 – helemaal wel</label>');
    expect(html).toContain('<label class="utrecht-form-label" for="remarks">Toelichting (niet verplicht)</label>');
  });

  it('put a missing score next to its statement and keep the other answers', () => {
    const typed = formAnswerFromForm({ scores: { vision: '4', practice: '2', evidence: '', lasting: '5' }, remarks: 'Goed begin.' }, form);
    const checked = AnswerForm.safeParse(typed);
    expect(checked.success).toBe(false);
    const { fields, general } = errorsByField(checked.error!.issues);
    expect(Object.keys(fields).sort()).toEqual(['scores-evidence', 'scores-leadership']);
    const values = { scores: { vision: '4', practice: '2', lasting: '5' }, remarks: 'Goed begin.' };
    const html = render(h(FormPage, { token, schoolName: 'De Regenboog', form, values, errors: fields, general }));
    expect(html).toContain('<title>Fout: Nulmeting – Ontwikkelkracht</title>');
    expect(html).toContain(
      '<a class="utrecht-link utrecht-link--html-a" href="#scores-evidence">Stelling 3: Kies bij deze stelling een score van 1 tot en met 5.</a>',
    );
    expect(html).toContain('id="scores-evidence" aria-describedby="scores-evidence-fout"');
    expect(html).toMatch(/id="scores-vision-3" name="scores\[vision\]" value="4" checked/);
    expect(html).toMatch(/id="scores-lasting-4" name="scores\[lasting\]" value="5" checked/);
    expect(html).toContain('Goed begin.</textarea>');
  });

  it('read only the form’s own statements from a post, numbers as numbers', () => {
    const typed = formAnswerFromForm({ scores: { vision: '3', unknown: '5', practice: 'veel' }, remarks: 'x\u0000y' }, form);
    expect(typed).toEqual({ kind: 'nulmeting', scope: '2027-2028', scores: { vision: 3, practice: 'veel' }, remarks: 'xy' });
    expect(formAnswerFromForm({ scores: 'nonsense' }, form).scores).toEqual({});
    const full = formAnswerFromForm({ scores: Object.fromEntries(statements.map((key) => [key, '3'])) }, form);
    expect(AnswerForm.safeParse(full).success).toBe(true);
  });

  it('thank the school with its answers, or say the form was answered or is past its due date', () => {
    const answer = { scores: { vision: 4, practice: 2, evidence: 3, leadership: 5, lasting: 1 }, remarks: '', at: '2027-09-20T08:00:00.000Z' };
    const thanks = render(h(FormAnsweredPage, { form, answer, justSent: true }));
    expect(thanks).toContain('<h1 class="utrecht-heading-1">Dank u wel</h1>');
    expect(thanks).toContain('Uw nulmeting is ontvangen.');
    expect(thanks).toContain('4 – grotendeels');
    const again = render(h(FormAnsweredPage, { form, answer, justSent: false }));
    expect(again).toContain('Deze vragenlijst is al ingevuld');
    expect(again).toContain('ingevuld op maandag 20 september 2027 om 10:00');
    const late = render(h(FormPastDuePage, { form }));
    expect(late).toContain('De nulmeting kon worden ingevuld tot vrijdag 1 oktober 2027 om 09:00.');
  });
});

describe('the registration for a cohort', () => {
  const cohortId = 'vo-2027-abc';
  const statements = Object.keys(formDefinitions.self_evaluation.statements);
  const open: RegistrationView = {
    cohortId,
    cohortName: 'Schoolontwikkeltraject VO 2027-2028',
    theme: null,
    secondTheme: null,
    schoolLeader: null,
    submittedAt: null,
    place: 'open',
    position: null,
    registrationClosesAt: '2027-04-30T15:00:00.000Z',
    kickOffOn: '2027-06-24',
    startDayOn: '2027-09-09',
  };
  const sent: RegistrationView & { submittedAt: string } = {
    ...open,
    theme: 'wellbeing',
    secondTheme: 'motivation',
    schoolLeader: { name: 'Noor Visser', email: 'n.visser@baken.example' },
    submittedAt: '2027-04-20T08:00:00.000Z',
    place: 'waiting',
    position: 2,
  };
  const before = Date.parse('2027-04-20T00:00:00Z');
  const after = Date.parse('2027-05-01T00:00:00Z');
  const link = (scope = `self_evaluation/${cohortId}`) =>
    ({ id: 'l', journeyId: 'j', purpose: 'form', scope, singleUse: true, expiresAt: new Date() }) as LinkGrant;
  const journey = (extra: Partial<SchoolJourneyView>) =>
    ({
      phase: 'registration',
      allowedActions: ['submitRegistration', 'cancelJourney'],
      registration: open,
      forms: [],
      outcome: null,
      ...extra,
    }) as SchoolJourneyView;
  const post = (extra: Record<string, unknown> = {}) => ({
    theme: 'wellbeing',
    secondTheme: '',
    selfEvaluation: { scores: Object.fromEntries(statements.map((key) => [key, '4'])), remarks: 'Het team wil aan de slag.' },
    schoolLeader: { name: 'Noor Visser', email: ' n.visser@baken.example ' },
    ...extra,
  });

  it('is what the self-evaluation link of the registration mail opens; other form links keep their form', () => {
    expect(isRegistrationLink({ purpose: 'form', scope: `self_evaluation/${cohortId}` })).toBe(true);
    expect(isRegistrationLink({ purpose: 'form', scope: 'nulmeting/2027-2028' })).toBe(false);
    expect(isRegistrationLink({ purpose: 'enrolment', scope: '2027-2028' })).toBe(false);
  });

  it('is open while the journey takes it, then shows where the school stands, or that it closed or ended', () => {
    expect(registrationState({ journey: journey({}), link: link() }, before).state).toBe('open');
    // Another cohort's link, or a journey without a registration, opens nothing.
    expect(registrationState({ journey: journey({}), link: link('self_evaluation/vo-2027-other') }, before).state).toBe('not_open');
    expect(registrationState({ journey: journey({ registration: null }), link: link() }, before).state).toBe('not_open');
    expect(registrationState({ journey: journey({}), link: link() }, after).state).toBe('closed');
    // Sent a moment ago, the cohort still answering: the workflow refuses a second one.
    expect(registrationState({ journey: journey({ allowedActions: [] }), link: link() }, before).state).toBe('processing');
    expect(registrationState({ journey: journey({ registration: sent, allowedActions: [] }), link: link() }, after)).toEqual({
      state: 'sent',
      registration: sent,
    });
    const placed = { ...sent, place: 'placed' as const, position: null };
    expect(registrationState({ journey: journey({ phase: 'grouping', registration: placed }), link: link() }, after).state).toBe('sent');
    const noPlace = journey({ phase: 'closed', registration: sent, outcome: { outcome: 'dropped_out', reason: 'Er kwam vóór de kick-off geen plaats vrij.' } });
    expect(registrationState({ journey: noPlace, link: link() }, after)).toMatchObject({
      state: 'ended',
      reason: 'Er kwam vóór de kick-off geen plaats vrij.',
    });
    // What the office wrote when it stopped the journey is its own.
    const stopped = journey({ phase: 'closed', outcome: { outcome: 'cancelled', reason: 'Interne notitie.' } });
    expect(registrationState({ journey: stopped, link: link() }, before)).toMatchObject({ state: 'ended', reason: null });
  });

  it('reads a post in the shape of SubmitRegistration: no second theme is null, scores are numbers', () => {
    const typed = registrationFromForm(post({ secondTheme: '' }), cohortId);
    expect(typed).toEqual({
      theme: 'wellbeing',
      secondTheme: null,
      selfEvaluation: { scores: Object.fromEntries(statements.map((key) => [key, 4])), remarks: 'Het team wil aan de slag.' },
      schoolLeader: { name: 'Noor Visser', email: 'n.visser@baken.example' },
    });
    expect(checkRegistration(typed, cohortId)).toEqual({ ok: true, input: typed });
    expect(registrationFromForm(post({ secondTheme: 'motivation' }), cohortId).secondTheme).toBe('motivation');
    expect(registrationFromForm({ selfEvaluation: 'nonsense', schoolLeader: ['x'] }, cohortId)).toMatchObject({
      theme: '',
      selfEvaluation: { scores: {}, remarks: '' },
      schoolLeader: { name: '', email: '' },
    });
  });

  const issuesOf = (typed: ReturnType<typeof registrationFromForm>) => {
    const checked = checkRegistration(typed, cohortId);
    if (checked.ok) throw new Error('expected the registration to be refused');
    return checked.issues;
  };

  it('names every problem at once, in Dutch, by its field', () => {
    const typed = registrationFromForm(
      { secondTheme: '', selfEvaluation: { scores: { vision: '4', goals: '9' } }, schoolLeader: { name: '', email: 'noor@' } },
      cohortId,
    );
    const { fields, general } = errorsByField(issuesOf(typed));
    expect(general).toEqual([]);
    expect(fields).toEqual({
      theme: ['Kies het thema waaraan uw school wil werken.'],
      'selfEvaluation-scores-goals': ['Kies bij elke stelling een score van 1 tot en met 5.'],
      // Missing scores too, although the registration's own check waits for the other fields.
      'selfEvaluation-scores-support': ['Kies bij deze stelling een score van 1 tot en met 5.'],
      'selfEvaluation-scores-time': ['Kies bij deze stelling een score van 1 tot en met 5.'],
      'schoolLeader-name': ['Vul de naam van de schoolleider in.'],
      'schoolLeader-email': ['Vul een geldig e-mailadres van de schoolleider in.'],
    });
    const same = errorsByField(issuesOf(registrationFromForm(post({ secondTheme: 'wellbeing' }), cohortId)));
    expect(same.fields).toEqual({ secondTheme: ['Kies als tweede thema een ander thema dan het eerste.'] });
  });

  it('shows the cohort, the themes, the statements and the school leader, and keeps what was typed next to the errors', () => {
    const html = render(h(RegistrationPage, { token, schoolName: 'Het Baken College', registration: open }));
    expect(html).toContain('<title>Aanmelden voor Schoolontwikkeltraject VO 2027-2028 – Ontwikkelkracht</title>');
    expect(html).toContain('vrijdag 30 april 2027 om 17:00');
    expect(html).toContain('donderdag 24 juni 2027');
    expect(html).toContain('donderdag 9 september 2027');
    expect(html).toContain('for="theme-1">Betekenisvolle leeromgeving</label>');
    expect(html).toMatch(/id="secondTheme-0" name="secondTheme" value checked/);
    expect(html.match(/<fieldset /g)).toHaveLength(2 + statements.length);
    expect(html).toContain(`4. ${formDefinitions.self_evaluation.statements.time}</legend>`);
    expect(html).toContain('name="selfEvaluation[scores][vision]" value="1"');
    expect(html).toContain('<label class="utrecht-form-label" for="schoolLeader-email">E-mailadres</label>');
    expect(html).toContain('type="email"');
    expect(html).toContain(`action="/s/${token}"`);

    const typed = registrationFromForm(post({ theme: '', schoolLeader: { name: 'Noor <Visser>', email: 'noor@' } }), cohortId);
    const { fields, general } = errorsByField(issuesOf(typed));
    const values = {
      theme: '',
      secondTheme: '',
      scores: { vision: '4', goals: '2' },
      remarks: 'Tot zover.',
      leaderName: 'Noor <Visser>',
      leaderEmail: 'noor@',
    };
    const again = render(h(RegistrationPage, { token, schoolName: 'Het Baken College', registration: open, values, errors: fields, general }));
    expect(again).toContain('<title>Fout: Aanmelden voor Schoolontwikkeltraject VO 2027-2028 – Ontwikkelkracht</title>');
    expect(again).toContain('<a class="utrecht-link utrecht-link--html-a" href="#theme">Kies het thema waaraan uw school wil werken.</a>');
    expect(again).toContain('id="schoolLeader-email-fout"');
    expect(again).toContain('aria-invalid="true"');
    expect(again).toMatch(/id="selfEvaluation-scores-goals-1" name="selfEvaluation\[scores\]\[goals\]" value="2" checked/);
    expect(again).toContain('value="Noor &lt;Visser>"');
    expect(again).toContain('Tot zover.</textarea>');
  });

  it('says where the school stands: a place, or its place on the waiting list, with what it sent', () => {
    const selfEvaluation = { scores: { vision: 4, goals: 3, support: 5, time: 2 }, remarks: '' };
    const waiting = render(h(RegistrationStandingPage, { schoolName: 'Het Baken College', registration: sent, selfEvaluation, justSent: true }));
    expect(waiting).toContain('<h1 class="utrecht-heading-1">U staat op de wachtlijst</h1>');
    expect(waiting).toContain('Uw aanmelding voor Schoolontwikkeltraject VO 2027-2028 is ontvangen.');
    expect(waiting).toContain('Het Baken College staat op de wachtlijst, op plaats 2.');
    expect(waiting).toContain('Welbevinden');
    expect(waiting).toContain('Noor Visser (n.visser@baken.example)');
    expect(waiting).toContain('5 – helemaal wel');
    expect(waiting).not.toContain('<form ');

    const placed = render(
      h(RegistrationStandingPage, { schoolName: 'Het Baken College', registration: { ...sent, place: 'placed', position: null }, justSent: false }),
    );
    expect(placed).toContain('<h1 class="utrecht-heading-1">U heeft een plaats</h1>');
    expect(placed).toContain('verstuurd op dinsdag 20 april 2027 om 10:00');
    expect(placed).toContain('Het Baken College heeft een plaats in Schoolontwikkeltraject VO 2027-2028.');
    expect(placed).toContain('online intake');

    expect(render(h(RegistrationClosedPage, { registration: open }))).toContain('kon worden verstuurd tot vrijdag 30 april 2027 om 17:00');
  });
});

describe('the journey a school page renders from', () => {
  const report = 'Verkennend gesprek: de directie twijfelt over de IB.';
  const notes = 'Intern: bestuur is terughoudend.';
  const staff = 'Anna Visser';
  const reason = 'Voorlopig, nog niet in werking.';
  const officeView = {
    journeyId: 'journey-expertschool-12AB',
    track: 'expertschool',
    school: { brin: '12AB', name: 'Basisschool De Linde' },
    phase: 'aspirant_year',
    plannedConversation: {
      number: 1,
      kind: 'exploratory',
      startsAt: '2026-12-01T09:00:00.000Z',
      durationMinutes: 60,
      location: 'Utrecht',
      plannedBy: staff,
      response: null,
    },
    conversation: { kind: 'exploratory', conductedOn: '2026-11-20', report, recordedBy: staff },
    intake: { outcome: 'expertschool', notes, recordedBy: staff },
    application: null,
    aspirantOutcome: { outcome: 'dropped_out', reason, decidedBy: staff },
    allowedActions: ['registerExpertTeam', 'recordAspirantOutcome', 'cancelJourney'],
    unrecordedSteps: 0,
  } as unknown as JourneyView;

  it("is the school's own view, when the page opens and after the school's action: nothing the office keeps", async () => {
    const sent: unknown[] = [];
    const handle = {
      query: async () => officeView,
      executeUpdate: async (_update: unknown, options: unknown) => (sent.push(options), officeView),
    };
    const temporal = { workflow: { getHandle: () => handle } } as unknown as Client;
    const marked: unknown[] = [];
    const later = new Date(Date.now() + 86_400_000);
    const row = { id: 'l', journeyId: officeView.journeyId, purpose: 'expert-team', scope: '2027-2028', singleUse: true, stepEndsAt: later, expiresAt: later };
    const db = {
      // Opening the link: its row and its journey's phase, in one statement.
      $queryRaw: async () => [{ ...row, revokedAt: null, usedAt: null, phase: 'aspirant_year' }],
      linkToken: { updateMany: async (query: unknown) => (marked.push(query), { count: 1 }) },
    } as unknown as Db;
    const members = ['Eva de Wit', 'Tom Bakker'].map((name) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@linde.example`, role: 'teacher' }));
    // Read fresh (from the workflow, as for an action); a page view's read of the case record has its own test on the real stack.
    const shown = await readSchoolView({ db, temporal }, { journeyId: officeView.journeyId }, true);
    const taken = await takeSchoolAction({ db, temporal }, { token, journeyId: officeView.journeyId, action: 'registerExpertTeam', input: { members } });
    for (const journey of [shown, taken.ok ? taken.journey : null]) {
      const text = JSON.stringify(journey);
      for (const secret of [report, notes, staff, reason]) expect(text).not.toContain(secret);
      expect(journey).not.toHaveProperty('unrecordedSteps');
      expect(journey!.allowedActions).toEqual(['registerExpertTeam']);
    }
    // A single-use link sends its one Update under the link's id, and is marked used after it.
    expect(sent).toEqual([{ args: [{ members }], updateId: linkUpdateId(row) }]);
    expect(marked).toEqual([{ where: { id: 'l', usedAt: null }, data: { usedAt: expect.any(Date) } }]);
  });
});
