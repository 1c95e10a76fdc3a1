/**
 * Schools act through e-mailed links, end to end on the system as `npm start` runs it: the worker
 * sends real mail over SMTP to a server on loopback, the test parses it, follows its link, and
 * takes the step on the page behind it; the journey's workflow decides what the page shows.
 * Every way a link can be wrong is refused with its own status and a Dutch page that says
 * nothing about the case.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../../api/app';
import { listenOnLoopback } from '../../platform/listen';
import { createLogger } from '../../platform/logger';
import { completeApplication, createSchool } from '../support/fixtures';
import { api, openRoundNow, startDevStack, startInAspirantYear, type DevStack } from '../support/dev-stack';
import { applicationFields, getPage, linkIn, postForm, tokenOf } from '../support/school-links';
import type { School } from '../../domain/school';
import { hashToken } from '../../services/links/link-token';
import type { CaughtMail } from '../../devtools/mail-catcher';
import { until } from '../support/until';
import { SchoolJourneyView, schoolViewOf } from '../../domain/school-view';
import { issueLink } from '../../services/links/issue-link';
import { ROUND_OF_LINK_CLOSED } from '../../domain/links';
import { openLink } from '../../services/links/open-link';
import { schoolActionSpec } from '../../services/journeys/journey-actions';
import { sendSchoolUpdate, takeSchoolAction } from '../../services/school-actions/take-school-action';

const DAY = 86_400_000;
const office = 'Anna Visser';
let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack({ worker: true });
  // One round, open now and for a month: journeys that reach it in these tests join it.
  await openRoundNow(stack, { id: 'links-voorjaar', name: 'Voorjaar', schoolYear: '2040-2041' });
});
afterAll(async () => {
  await stack?.close();
});

async function startJourney(): Promise<{ school: School; journeyId: string }> {
  const school = await createSchool(stack.db, { name: `Basisschool Linkproef ${Math.random().toString(36).slice(2, 7)}` });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  // As the office works: the case is open (its first step stored) before anyone plans in it.
  await until(
    () => api(stack, 'GET', `/api/journeys/${body.journeyId}`),
    (r) => r.body.phase === 'conversation' && r.body.unrecordedSteps === 0,
    'the journey in its first phase',
  );
  return { school, journeyId: body.journeyId };
}

const mailTo = (school: School, subject: RegExp) => (mail: CaughtMail) => mail.to === school.contactEmail && subject.test(mail.subject);
const inAWeek = () => new Date(Date.now() + 7 * DAY).toISOString();

async function planConversation(journeyId: string, startsAt = inAWeek()) {
  const planned = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-plan`, {
    startsAt,
    durationMinutes: 60,
    location: 'Dorpsstraat 1, Utrecht',
    plannedBy: office,
  });
  expect(planned.status).toBe(200);
  return planned.body;
}

/** Conversation and intake done: the journey joins the open round and the school gets its mail. */
async function reachApplication(): Promise<{ school: School; journeyId: string; mail: CaughtMail }> {
  const { school, journeyId } = await startJourney();
  await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
    recordedBy: office,
  });
  const applying = await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  expect(applying.body.phase).toBe('application');
  const mail = await stack.mail.waitFor(mailTo(school, /^Aanvraagronde Voorjaar is geopend$/));
  return { school, journeyId, mail };
}

/** A refusal page says what is wrong with the link, and nothing about the school behind it. */
function expectNothingAbout(school: School, html: string): void {
  expect(html).not.toContain(school.name);
  expect(html).not.toContain(school.brin);
  expect(html).not.toContain(school.contactEmail);
}

describe('the conversation invitation', () => {
  test('arrives with a calendar invitation and a link; the school confirms through it, once', async () => {
    const { school, journeyId } = await startJourney();
    const planned = await planConversation(journeyId);
    expect(planned).toMatchObject({ phase: 'conversation', waitingFor: 'school', plannedConversation: { number: 1, response: null } });

    const mail = await stack.mail.waitFor(mailTo(school, /^Uitnodiging: verkennend gesprek op /));
    const link = linkIn(mail);
    expect(link.startsWith(`${stack.apiUrl}/s/`)).toBe(true);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain('Waar: Dorpsstraat 1, Utrecht');
    const invitation = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(invitation?.content).toMatch(/METHOD:REQUEST/);
    expect(invitation?.content).toContain(`UID:${journeyId}-conversation-0@koers`);
    // Only the token's hash is kept.
    const token = tokenOf(link);
    expect(await stack.db.linkToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await stack.db.linkToken.findUnique({ where: { tokenHash: hashToken(token) } })).toMatchObject({
      journeyId,
      purpose: 'conversation',
      singleUse: true,
    });

    const page = await getPage(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Uitnodiging voor het verkennend gesprek');
    expect(page.html).toContain(school.name);
    const ics = await fetch(`${link}/uitnodiging.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');

    const unanswered = await postForm(link, { note: '' });
    expect(unanswered.status).toBe(400);
    expect(unanswered.html).toMatch(/id="answer-fout"[^>]*>Kies of u het gesprek bevestigt of een ander moment wilt\./);

    const confirmed = await postForm(link, { answer: 'confirm', note: '' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Dank u wel');
    const { body: journey } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(journey).toMatchObject({ waitingFor: 'office', plannedConversation: { response: { answer: 'confirm' } } });

    const again = await getPage(link);
    expect(again.status).toBe(410);
    expect(again.html).toContain('Deze link is al gebruikt');
    expectNothingAbout(school, again.html);
    // The mail is on the case's timeline, between the steps.
    const { body: timeline } = await api(stack, 'GET', `/api/journeys/${journeyId}/timeline`);
    expect(timeline.entries.map((e: { kind: string; type?: string; purpose?: string }) => e.type ?? e.purpose)).toEqual([
      'journey_started',
      'phase_entered',
      'conversation_planned',
      'conversation-planned/0-1',
      'conversation_answered',
    ]);
    expect(timeline.entries[3]).toMatchObject({ kind: 'mail', status: 'sent', attempts: 1, subject: mail.subject });
    expect(timeline.entries[4]).toMatchObject({ kind: 'step', actor: 'school' });
  });

  test('a new moment revokes the earlier link, and its invitation replaces the first in the calendar', async () => {
    const { school, journeyId } = await startJourney();
    await planConversation(journeyId);
    const first = linkIn(await stack.mail.waitFor(mailTo(school, /^Uitnodiging: /)));
    await planConversation(journeyId, new Date(Date.now() + 9 * DAY).toISOString());
    const second = await stack.mail.waitFor(mailTo(school, /^Nieuw moment: /));
    expect(second.attachments[0]?.content).toMatch(/SEQUENCE:1/);

    const old = await getPage(first);
    expect(old.status).toBe(410);
    expect(old.html).toContain('Deze link is ingetrokken');
    expectNothingAbout(school, old.html);

    const link = linkIn(second);
    const noReason = await postForm(link, { answer: 'other_moment', note: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('Laat weten welke momenten u wel uitkomen.');
    expect(noReason.html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    const other = await postForm(link, { answer: 'other_moment', note: 'Dinsdagmiddag of donderdagochtend past beter.' });
    expect(other.status).toBe(200);
    const { body: journey } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(journey).toMatchObject({ waitingFor: 'office', nextDeadline: null, plannedConversation: { number: 2, response: { answer: 'other_moment' } } });
  });
});

describe('the application behind the round mail', () => {
  test('the school saves half, resumes, sees each error by its field, and submits', async () => {
    const { school, journeyId, mail } = await reachApplication();
    const link = linkIn(mail);
    expect(mail.text).toContain('Deze link is persoonlijk voor uw school');

    const empty = await getPage(link);
    expect(empty.status).toBe(200);
    expect(empty.html).toContain(`Aanvraag expertschool: ${school.name}`);

    const complete = completeApplication();
    const half = applicationFields({ ...complete, participants: complete.participants.slice(0, 2), trajectories: [] });
    const saved = await postForm(link, { ...half, intent: 'save' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/s/${tokenOf(link)}?opgeslagen=1`);
    const resumed = await getPage(`${link}?opgeslagen=1`);
    expect(resumed.html).toContain('Uw aanvraag is opgeslagen');
    expect(resumed.html).toContain(`value="${complete.participants[1]!.email}"`);
    expect(resumed.html).toContain('2 deelnemers ingevuld, minstens 4 nodig. Er is een schoolleider bij.');
    const record = await stack.db.application.findFirstOrThrow({ where: { journeyId }, include: { participants: true } });
    expect(record.participants).toHaveLength(2);

    // A typo in an address: the error sits by that field, and the summary links to it.
    const typo = applicationFields({ ...complete, participants: [complete.participants[0]!, { ...complete.participants[1]!, email: 'jan@' }] });
    const wrong = await postForm(link, { ...typo, intent: 'submit' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(/id="participants-1-email-fout"[^>]*>Vul een geldig e-mailadres in\./);
    expect(wrong.html).toContain('href="#participants-1-email">Deelnemer 2: Vul een geldig e-mailadres in.</a>');
    expect(wrong.html).toMatch(/id="participants-1-email"[^>]*aria-invalid="true"/);

    // Well-formed but against the rules (too few participants): the workflow's refusal, by the list.
    const tooFew = await postForm(link, { ...applicationFields({ ...complete, participants: complete.participants.slice(0, 3) }), intent: 'submit' });
    expect(tooFew.status).toBe(422);
    expect(tooFew.html).toContain('Uw aanvraag is opgeslagen, maar nog niet ingediend.');
    expect(tooFew.html).toContain('href="#participants"');

    const submitted = await postForm(link, { ...applicationFields(complete), intent: 'submit' });
    expect(submitted.status).toBe(303);
    const done = await getPage(link);
    expect(done.status).toBe(200);
    expect(done.html).toContain('Uw aanvraag is ingediend');
    const { body: journey } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(journey).toMatchObject({ phase: 'decision', application: { status: 'submitted', participants: complete.participants } });
  });

  test('adding a row saves what was typed and puts the focus on the new row, without JavaScript', async () => {
    const { mail } = await reachApplication();
    const link = linkIn(mail);
    const complete = completeApplication();
    const added = await postForm(link, {
      ...applicationFields({ ...complete, participants: complete.participants.slice(0, 4) }),
      participantRows: '5',
      intent: 'add-participant',
    });
    expect(added.status).toBe(200);
    expect(added.html).toMatch(/<input[^>]*id="participants-5-name"[^>]*autofocus/);
    expect(added.html).not.toContain('id="participants-6-name"');
  });
});

describe('the expert team behind the aspirant-year mail', () => {
  test('the school names its team, sees the rule by the list, and the link is spent', async () => {
    const school = await createSchool(stack.db, { name: 'Basisschool De Wilg' });
    const journeyId = await startInAspirantYear(stack, school);
    const mail = await stack.mail.waitFor(mailTo(school, /^Geef uw expertteam door voor het aspirantjaar /));
    const link = linkIn(mail);
    expect((await getPage(link)).html).toContain('Expertteam van Basisschool De Wilg');

    const [leader, teacher] = completeApplication().participants;
    const member = (i: number, p: { name: string; email: string; role: string }) => ({
      [`members[${i}][name]`]: p.name,
      [`members[${i}][email]`]: p.email,
      [`members[${i}][role]`]: p.role,
    });
    const noLeader = await postForm(link, {
      ...member(0, teacher!),
      ...member(1, { ...teacher!, name: 'Kees Jansen', email: 'k.jansen@school.example' }),
      rows: '3',
      intent: 'submit',
    });
    expect(noLeader.status).toBe(422);
    expect(noLeader.html).toContain('De schoolleider hoort bij het expertteam.');

    const added = await postForm(link, { ...member(0, leader!), rows: '3', intent: 'add-member' });
    expect(added.status).toBe(200);
    expect(added.html).toMatch(/<input[^>]*id="members-3-name"[^>]*autofocus/);
    expect(added.html).toContain(`value="${leader!.email}"`);

    const named = await postForm(link, { ...member(0, leader!), ...member(1, teacher!), rows: '4', intent: 'submit' });
    expect(named.status).toBe(200);
    expect(named.html).toContain('Uw expertteam van 2 mensen is doorgegeven.');
    const { body: journey } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(journey).toMatchObject({ phase: 'aspirant_year', waitingFor: 'calendar', expertTeam: [leader, teacher] });
    expect((await getPage(link)).status).toBe(410);
  });
});

describe('links that do not open their step', () => {
  test('a forged or malformed link: 404, and a page that knows nothing', async () => {
    const { school } = await reachApplication();
    for (const token of ['A'.repeat(43), 'kort', `${'b'.repeat(42)}!`]) {
      const page = await getPage(`${stack.apiUrl}/s/${encodeURIComponent(token)}`);
      expect(page.status).toBe(404);
      expect(page.html).toContain('Deze link kennen we niet');
      expectNothingAbout(school, page.html);
    }
  });

  test('one address that asks too often is slowed down with a page that says so (429)', async () => {
    const app = createApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, log: createLogger('silent'), schoolPageRequestsPerMinute: 3 });
    const listening = await listenOnLoopback(app);
    try {
      const url = `${listening.url}/s/${'D'.repeat(43)}`;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await getPage(url)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      expect((await getPage(url)).html).toContain('Er kwamen veel verzoeken tegelijk van uw netwerk.');
    } finally {
      await listening.close();
    }
  });

  test("one address that sends the school's JSON actions too often gets 429, in Dutch, as JSON", async () => {
    const app = createApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, log: createLogger('silent'), schoolPageRequestsPerMinute: 3 });
    const listening = await listenOnLoopback(app);
    try {
      const post = () =>
        fetch(`${listening.url}/api/journeys/journey-expertschool-00AA/application-draft`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${'E'.repeat(43)}` },
          body: JSON.stringify({}),
        }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.json() }));
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await post());
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429]);
      expect(answers[3]).toMatchObject({
        type: expect.stringMatching(/^application\/json/),
        body: { error: { code: 'too_many_requests', message: 'Er kwamen veel verzoeken tegelijk van uw netwerk. Probeer het over een minuut opnieuw.' } },
      });
    } finally {
      await listening.close();
    }
  });

  test('an expired link: 410, and a new link goes to the school, once, however often it is asked', async () => {
    const { school, mail } = await reachApplication();
    const link = linkIn(mail);
    await stack.db.linkToken.update({ where: { tokenHash: hashToken(tokenOf(link)) }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const expired = await getPage(link);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('Deze link is verlopen');
    expect(expired.html).toContain(`action="/s/${tokenOf(link)}/nieuwe-link"`);
    expectNothingAbout(school, expired.html);

    for (let i = 0; i < 3; i++) {
      const asked = await postForm(`${link}/nieuwe-link`, { intent: 'renew' });
      expect(asked.status).toBe(202);
      expect(asked.html).toContain('binnen enkele minuten een nieuwe link');
      expectNothingAbout(school, asked.html);
    }
    const renewal = await stack.mail.waitFor(mailTo(school, /^Uw nieuwe link voor uw subsidieaanvraag$/));
    const fresh = await getPage(linkIn(renewal));
    expect(fresh.status).toBe(200);
    expect(fresh.html).toContain(school.name);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stack.mail.messages().filter(mailTo(school, /^Uw nieuwe link/))).toHaveLength(1);
  });

  test('the office sends a fresh link: the earlier ones stop working, and one request sends one mail', async () => {
    const { school, journeyId, mail } = await reachApplication();
    const first = linkIn(mail);
    const requestId = randomUUID();
    for (let i = 0; i < 2; i++) {
      expect(await api(stack, 'POST', `/api/journeys/${journeyId}/links/resend`, { purpose: 'application', requestId })).toEqual({
        status: 202,
        body: { requestId },
      });
    }
    const resent = await stack.mail.waitFor(mailTo(school, /^Uw nieuwe link voor uw subsidieaanvraag$/));
    expect(resent.text).toContain('Het programmabureau stuurt u een nieuwe link voor uw subsidieaanvraag.');
    const old = await getPage(first);
    expect(old.status).toBe(410);
    expect(old.html).toContain('Deze link is ingetrokken');
    expect((await getPage(linkIn(resent))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stack.mail.messages().filter(mailTo(school, /^Uw nieuwe link/))).toHaveLength(1);
  });

  test('a link the office revoked, and a link of a closed journey: 410, each with its own page', async () => {
    const { school, journeyId, mail } = await reachApplication();
    const link = linkIn(mail);
    const revoked = await api(stack, 'POST', `/api/journeys/${journeyId}/links/revoke`, { purpose: 'application' });
    expect(revoked.body).toEqual({ revoked: 1 });
    const page = await getPage(link);
    expect(page.status).toBe(410);
    expect(page.html).toContain('Deze link is ingetrokken');
    expectNothingAbout(school, page.html);

    const other = await startJourney();
    await planConversation(other.journeyId);
    const invitation = linkIn(await stack.mail.waitFor(mailTo(other.school, /^Uitnodiging: /)));
    await api(stack, 'POST', `/api/journeys/${other.journeyId}/cancel`, { reason: 'De school ziet af van deelname dit jaar.', cancelledBy: office });
    const closed = await getPage(invitation);
    expect(closed.status).toBe(410);
    expect(closed.html).toContain('Hier kunt u niets meer doen');
    expectNothingAbout(other.school, closed.html);
  });

  test('through the JSON API: no link 401, unknown 401, another case 403, another step 403, used 410', async () => {
    const a = await reachApplication();
    const b = await reachApplication();
    const tokenA = tokenOf(linkIn(a.mail));
    const draft = { trajectories: [{ title: 'Begrijpend lezen', places: 6 }] };
    const post = (journeyId: string, action: string, token: string | null, body: unknown) =>
      fetch(`${stack.apiUrl}/api/journeys/${journeyId}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));

    expect(await post(a.journeyId, 'application-draft', null, draft)).toMatchObject({ status: 401, body: { error: { code: 'link_required' } } });
    expect(await post(a.journeyId, 'application-draft', 'C'.repeat(43), draft)).toMatchObject({ status: 401, body: { error: { code: 'link_unknown' } } });
    const otherCase = await post(b.journeyId, 'application-draft', tokenA, draft);
    expect(otherCase).toMatchObject({ status: 403, body: { error: { code: 'link_wrong_case' } } });
    expect(JSON.stringify(otherCase.body)).not.toContain(b.school.name);
    expect(await post(a.journeyId, 'expert-team', tokenA, { members: [] })).toMatchObject({ status: 403, body: { error: { code: 'link_wrong_purpose' } } });
    expect(await post(a.journeyId, 'application-draft', tokenA, draft)).toMatchObject({
      status: 200,
      body: { application: { trajectories: draft.trajectories } },
    });
    // A NUL character, which no text column can hold, is refused at the edge (not left to stall the journey).
    expect(await post(a.journeyId, 'application-draft', tokenA, { trajectories: [{ title: 'Le\u0000zen', places: 6 }] })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_input' } },
    });

    const { school, journeyId } = await startJourney();
    await planConversation(journeyId);
    const invitation = tokenOf(linkIn(await stack.mail.waitFor(mailTo(school, /^Uitnodiging: /))));
    expect(await post(journeyId, 'conversation-response', invitation, { answer: 'confirm' })).toMatchObject({ status: 200 });
    expect(await post(journeyId, 'conversation-response', invitation, { answer: 'confirm' })).toMatchObject({
      status: 410,
      body: { error: { code: 'link_used' } },
    });
    await stack.db.linkToken.update({ where: { tokenHash: hashToken(tokenA) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await post(a.journeyId, 'application-draft', tokenA, draft)).toMatchObject({ status: 410, body: { error: { code: 'link_expired' } } });
  });
});

describe('one door for school actions', () => {
  const postJson = (journeyId: string, action: string, token: string, body: unknown) =>
    fetch(`${stack.apiUrl}/api/journeys/${journeyId}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  test('an application link of another round is refused alike through the JSON API and on the page, and changes nothing', async () => {
    const { journeyId } = await reachApplication();
    // A valid application link of this journey, but for another round than the one its application is in.
    const other = await issueLink(stack.db, stack.apiUrl, {
      journeyId,
      purpose: 'application',
      scope: 'links-najaar',
      stepEndsAt: new Date(Date.now() + 7 * DAY),
      singleUse: false,
    });
    const draft = { trajectories: [{ title: 'Rekenen in de onderbouw', places: 4 }] };
    for (const action of ['application-draft', 'application']) {
      expect(await postJson(journeyId, action, other.token, draft)).toMatchObject({
        status: 409,
        body: { error: { code: 'not_allowed_now', message: ROUND_OF_LINK_CLOSED } },
      });
    }
    const page = await getPage(other.url);
    expect(page.status).toBe(409);
    expect(page.html).toContain(ROUND_OF_LINK_CLOSED);
    const posted = await postForm(other.url, { intent: 'save', 'trajectories[0][title]': 'Rekenen in de onderbouw', 'trajectories[0][places]': '4' });
    expect(posted.status).toBe(409);
    expect(posted.html).toContain(ROUND_OF_LINK_CLOSED);
    const { body: journey } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(journey.application.trajectories).toEqual([]);
  });

  test('the Update and the used mark of a single-use link: a retry after a crash between them takes the step once and marks the link', async () => {
    const { school, journeyId } = await startJourney();
    await planConversation(journeyId);
    const token = tokenOf(linkIn(await stack.mail.waitFor(mailTo(school, /^Uitnodiging: /))));
    const deps = { db: stack.db, temporal: stack.client };
    const opened = await openLink(stack.db, token);
    if (opened.status !== 'valid') throw new Error(`link not valid: ${opened.status}`);
    const answer = { answer: 'confirm', note: 'Tot dan.' } as const;

    // The process dies after the Update, before the link is marked: the lower half alone.
    const first = await sendSchoolUpdate(deps, opened.link, schoolActionSpec('respondToConversation'), answer as never);
    expect(first.plannedConversation?.response).toMatchObject({ answer: 'confirm' });
    expect(await stack.db.linkToken.findUniqueOrThrow({ where: { id: opened.link.id } })).toMatchObject({ usedAt: null });

    // The school tries again with the same, still valid, link: Temporal answers the first Update's outcome.
    const again = await takeSchoolAction(deps, { token, journeyId, action: 'respondToConversation', input: answer });
    expect(again).toMatchObject({ ok: true, journey: SchoolJourneyView.parse(schoolViewOf(first)) });
    expect((await stack.db.linkToken.findUniqueOrThrow({ where: { id: opened.link.id } })).usedAt).not.toBeNull();
    expect(await postJson(journeyId, 'conversation-response', token, answer)).toMatchObject({ status: 410, body: { error: { code: 'link_used' } } });

    const answered = await until(
      () => api(stack, 'GET', `/api/journeys/${journeyId}/timeline`),
      (r) => r.body.entries.some((e: { type?: string }) => e.type === 'conversation_answered'),
      'the answer on the timeline',
    );
    expect(answered.body.entries.filter((e: { type?: string }) => e.type === 'conversation_answered')).toHaveLength(1);
    const { body: view } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(view).toMatchObject({ unrecordedSteps: 0, plannedConversation: { response: { answer: 'confirm', note: 'Tot dan.' } } });
  });
});

describe('what a school may see', () => {
  const report = 'Verkennend gesprek: de directie twijfelt over de rol van de intern begeleider.';
  const notes = 'Intern: bestuur is terughoudend, eerst het gesprek met de IB afwachten.';
  const staffNames = ['Anna Visser', 'Bram de Boer'];

  function expectNothingOfTheOffice(answer: unknown, secrets: string[]): void {
    const text = JSON.stringify(answer);
    for (const secret of [...secrets, ...staffNames]) expect(text).not.toContain(secret);
    expect(() => SchoolJourneyView.parse(answer)).not.toThrow();
  }

  test("a school action's JSON answer has no report, intake notes or staff names; the office's answer has them", async () => {
    const { school, journeyId } = await startJourney();
    await planConversation(journeyId);
    const invitation = tokenOf(linkIn(await stack.mail.waitFor(mailTo(school, /^Uitnodiging: /))));
    const confirmed = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-response`, { answer: 'confirm' }, invitation);
    expect(confirmed).toMatchObject({ status: 200, body: { phase: 'conversation', plannedConversation: { response: { answer: 'confirm' } } } });
    expectNothingOfTheOffice(confirmed.body, []);

    await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-report`, { conductedOn: '2026-11-20', report, recordedBy: office });
    const intake = await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'expertschool', notes, recordedBy: office });
    // The office's answer is the whole journey.
    expect(intake.body).toMatchObject({ phase: 'application', conversation: { report, recordedBy: office }, intake: { notes, recordedBy: office } });
    expect(intake.body.plannedConversation.plannedBy).toBe(office);

    const token = tokenOf(linkIn(await stack.mail.waitFor(mailTo(school, /^Aanvraagronde Voorjaar is geopend$/))));
    const draft = await api(stack, 'POST', `/api/journeys/${journeyId}/application-draft`, { trajectories: [{ title: 'Begrijpend lezen', places: 6 }] }, token);
    expect(draft).toMatchObject({
      status: 200,
      body: { phase: 'application', conversation: { conductedOn: '2026-11-20' }, intake: { outcome: 'expertschool' }, application: { status: 'draft' } },
    });
    expectNothingOfTheOffice(draft.body, [report, notes]);
    expect(draft.body.allowedActions).not.toContain('decideApplication');
    expect(draft.body).not.toHaveProperty('unrecordedSteps');
    expect((await api(stack, 'GET', `/api/journeys/${journeyId}`)).body).toMatchObject({ conversation: { report }, intake: { notes } });
  });

  test('an outcome the office recorded that has not taken effect yet stays with the office', async () => {
    const school = await createSchool(stack.db, { name: 'Basisschool De Els' });
    const journeyId = await startInAspirantYear(stack, school);
    const token = tokenOf(linkIn(await stack.mail.waitFor(mailTo(school, /^Geef uw expertteam door voor het aspirantjaar /))));
    const reason = 'Het team groeit goed; definitief na de laatste hubbijeenkomst van het jaar.';
    const recorded = await api(stack, 'POST', `/api/journeys/${journeyId}/aspirant-outcome`, { outcome: 'expertschool', reason });
    expect(recorded).toMatchObject({ status: 200, body: { phase: 'aspirant_year', aspirantOutcome: { outcome: 'expertschool', reason } } });

    const [leader, teacher] = completeApplication().participants;
    const named = await api(stack, 'POST', `/api/journeys/${journeyId}/expert-team`, { members: [leader, teacher] }, token);
    expect(named).toMatchObject({ status: 200, body: { phase: 'aspirant_year', aspirantOutcome: null, expertTeam: [leader, teacher] } });
    expectNothingOfTheOffice(named.body, [reason]);
  });
  test("a school's pages behind its links show no report, intake notes, staff names or an outcome not yet in effect", async () => {
    const { school, journeyId } = await startJourney();
    await planConversation(journeyId);
    const invitation = linkIn(await stack.mail.waitFor(mailTo(school, /^Uitnodiging: /)));
    const conversationPage = await getPage(invitation);
    expect(conversationPage.status).toBe(200);
    expect(conversationPage.html).toContain('Dorpsstraat 1, Utrecht');
    for (const secret of staffNames) expect(conversationPage.html).not.toContain(secret);

    await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-report`, { conductedOn: '2026-11-20', report, recordedBy: office });
    await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'expertschool', notes, recordedBy: office });
    const applicationPage = await getPage(linkIn(await stack.mail.waitFor(mailTo(school, /^Aanvraagronde Voorjaar is geopend$/))));
    expect(applicationPage.status).toBe(200);
    expect(applicationPage.html).toContain(school.name);
    for (const secret of [report, notes, ...staffNames]) expect(applicationPage.html).not.toContain(secret);

    const aspirant = await createSchool(stack.db, { name: 'Basisschool De Beuk' });
    const aspirantJourney = await startInAspirantYear(stack, aspirant);
    const teamLink = linkIn(await stack.mail.waitFor(mailTo(aspirant, /^Geef uw expertteam door voor het aspirantjaar /)));
    const reason = 'Voorlopig: het team groeit goed, definitief na de laatste hubbijeenkomst.';
    expect((await api(stack, 'POST', `/api/journeys/${aspirantJourney}/aspirant-outcome`, { outcome: 'expertschool', reason })).status).toBe(200);
    const teamPage = await getPage(teamLink);
    expect(teamPage.status).toBe(200);
    expect(teamPage.html).toContain('Expertteam van Basisschool De Beuk');
    for (const secret of [reason, ...staffNames]) expect(teamPage.html).not.toContain(secret);
  });
});

describe('a large draft saved many times', () => {
  test('a school saving a 256 kB draft 200 times keeps a small history: the draft is stored in PostgreSQL, the Update names it', async () => {
    const { journeyId, mail } = await reachApplication();
    const token = tokenOf(linkIn(mail));
    const keys = [
      'evaluation_conversation_report',
      'support_and_commitment',
      'organisation_and_roles',
      'trajectory_and_requirements',
      'places_per_trajectory',
      'evidence_of_expertise',
      'evidence_of_research_culture',
      'evidence_informed_approach',
      'improvement_question',
    ];
    // Nine sections of 14,200 two-byte characters: 255.6 kB of text, just under the API's 256 kB body limit.
    const draft = (i: number) => ({ sections: Object.fromEntries(keys.map((key) => [key, `${i} `.padEnd(14_200, 'é')])) });
    expect(Buffer.byteLength(JSON.stringify(draft(199)))).toBeGreaterThan(255_000);

    // Two hundred saves in a minute or two: more than one address may ask of the stack's API (120 a minute).
    const app = createApp({
      db: stack.db,
      temporal: stack.client,
      taskQueue: stack.taskQueue,
      log: createLogger('silent'),
      schoolPageRequestsPerMinute: 1_000,
    });
    const listening = await listenOnLoopback(app);
    try {
      for (let i = 0; i < 200; i++) {
        const saved = await fetch(`${listening.url}/api/journeys/${journeyId}/application-draft`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(draft(i)),
        });
        expect(saved.status).toBe(200);
        await saved.arrayBuffer();
      }
    } finally {
      await listening.close();
    }
    const { body: journey } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
    expect(journey).toMatchObject({ phase: 'application', application: { status: 'draft', sections: draft(199).sections } });
    expect(journey.application).not.toHaveProperty('draftId');
    const stored = await stack.db.activityPlanSection.findFirstOrThrow({ where: { applicationId: journey.application.id, key: 'improvement_question' } });
    expect(stored.content).toBe(draft(199).sections.improvement_question);

    // Each save adds about ten events and a few kB (the Update's answer and the step's input, without
    // the draft): far below Temporal's 10 MB warning and 50 MB / 50,000 event limits. With the draft
    // in the Update, its answer and the step's input it would be 200 × 3 × 256 kB, about 150 MB.
    const { raw, historyLength } = await stack.client.workflow.getHandle(journeyId).describe();
    const historyBytes = Number(raw.workflowExecutionInfo?.historySizeBytes ?? 0);
    console.log(`200 saves of a 256 kB draft: history ${historyLength} events, ${historyBytes} bytes`);
    expect(historyBytes).toBeGreaterThan(0);
    expect(historyBytes).toBeLessThan(2_000_000);
    expect(historyLength).toBeLessThan(5_000);
  }, 900_000);
});
