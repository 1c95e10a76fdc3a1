/**
 * A school asks for the exploratory conversation itself, over HTTP on the system as `npm start`
 * runs it: the page without JavaScript and its JSON twin, the journey it starts or joins, the
 * confirmation over real SMTP on loopback (once), and the abuse guards (honeypot, per-address
 * limit). The answer never tells whether a school is in the programme.
 */
import { conversationRequestReceived } from '../../domain/conversation-request';
import type { CaughtMail } from '../../devtools/mail-catcher';
import { conversationRequestWorkflowId } from '../../workflows/contracts/conversation-request';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { getPage, postForm } from '../support/school-links';
import { until } from '../support/until';

let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A BRIN no school in this test's database has. */
async function unusedBrin(): Promise<string> {
  for (;;) {
    const brin = `${String(Math.floor(Math.random() * 100)).padStart(2, '0')}${LETTERS[Math.floor(Math.random() * 26)]}${LETTERS[Math.floor(Math.random() * 26)]}`;
    if ((await stack.db.school.count({ where: { brin } })) === 0) return brin;
  }
}

function requestFields(brin: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    brin: brin.toLowerCase(),
    schoolName: 'Basisschool De Vlinder',
    sector: 'PO',
    region: 'Gelderland',
    contactName: 'Joris Bakker',
    contactEmail: `j.bakker-${brin.toLowerCase()}@vlinder.example`,
    contactPhone: '026 123 45 67',
    trackInterest: 'unsure',
    hasAspirantYearBehind: 'ja',
    question: 'Wij werken met een eigen leesaanpak en willen weten of die past bij het programma.',
    website: '',
    ...overrides,
  };
}

async function postJson(body: unknown): Promise<{ status: number; body: any }> {
  // Public: no cookie, no Origin, as a school's own script or another site's form would send it.
  const response = await fetch(`${stack.apiUrl}/api/conversation-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Waits until the request's confirmation workflow has finished: its mail has gone out, or it never will. */
async function confirmationDone(requestId: string): Promise<void> {
  await stack.client.workflow.getHandle(conversationRequestWorkflowId(requestId)).result();
}

const mailsTo = (address: string) => stack.mail.messages().filter((mail: CaughtMail) => mail.to === address);

describe('a school asks for the conversation on the page', () => {
  it('shows a form with labels, autocomplete, a fieldset per choice and the privacy notice', async () => {
    const page = await getPage(`${stack.apiUrl}/gesprek-aanvragen`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="nl"');
    expect(page.html).toContain('<label class="utrecht-form-label" for="contactEmail">E-mailadres</label>');
    expect(page.html).toMatch(/id="contactEmail"[^>]*autocomplete="email"|autocomplete="email"[^>]*id="contactEmail"/);
    expect(page.html).toMatch(/<legend[^>]*>In welk traject heeft de school belangstelling\?<\/legend>/);
    expect(page.html).toContain('Weet ik nog niet');
    expect(page.html).toContain('Wij deden vorig schooljaar het aspirant-traject');
    expect(page.html).toContain('730 dagen na het einde van het traject');
    expect(page.html).toContain('10 werkdagen');
  });

  it('creates the school, starts its journey in the conversation waiting for the office, and mails the contact once', async () => {
    const brin = await unusedBrin();
    const fields = requestFields(brin);
    const posted = await postForm(`${stack.apiUrl}/gesprek-aanvragen`, fields);
    expect(posted.status).toBe(303);
    expect(posted.location).toBe('/gesprek-aanvragen/ontvangen');
    const received = await getPage(`${stack.apiUrl}${posted.location}`);
    expect(received.html).toContain(conversationRequestReceived.message);

    const school = await stack.db.school.findUniqueOrThrow({ where: { brin } });
    expect(school).toMatchObject({
      name: 'Basisschool De Vlinder',
      sector: 'PO',
      region: 'Gelderland',
      contactEmail: fields.contactEmail,
      inspectionRating: 'niet_beoordeeld',
    });
    const [request] = await stack.db.conversationRequest.findMany({ where: { brin } });
    expect(request).toMatchObject({
      outcome: 'started',
      contactName: 'Joris Bakker',
      contactPhone: '026 123 45 67',
      trackInterest: 'unsure',
      hasAspirantYearBehind: true,
    });
    // "Weet ik nog niet": the expertschool journey, whose intake finds the best-fitting next step.
    const journey = await until(
      () => api(stack, 'GET', `/api/journeys/${request!.journeyId}`),
      (r) => r.status === 200 && r.body.phase === 'conversation' && r.body.unrecordedSteps === 0,
      'the journey in its first phase',
    );
    expect(journey.body).toMatchObject({ track: 'expertschool', waitingFor: 'office', hasAspirantYearBehind: true });

    await confirmationDone(request!.id);
    const mails = mailsTo(fields.contactEmail!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Wij hebben uw aanvraag voor een verkennend gesprek ontvangen');
    expect(mails[0]!.text).toContain('Beste Joris Bakker,');
    expect(mails[0]!.text).toContain('binnen 10 werkdagen contact met u op om het gesprek te plannen');
    // The activity again (a retry): the outbox knows the mail went out, and sends nothing.
    await stack.client.workflow.start('confirmConversationRequest', {
      workflowId: `${conversationRequestWorkflowId(request!.id)}-again`,
      taskQueue: stack.taskQueue,
      args: [request!.id],
    });
    await stack.client.workflow.getHandle(`${conversationRequestWorkflowId(request!.id)}-again`).result();
    expect(mailsTo(fields.contactEmail!)).toHaveLength(1);
    expect(await stack.db.outboxMail.count({ where: { journeyId: request!.journeyId } })).toBe(1);
  });

  it('joins the running journey on a second request, notes it on the case, and answers the same', async () => {
    const known = await createSchool(stack.db, { name: 'Het Kompas', sector: 'VO', region: 'Utrecht' });
    const started = await api(stack, 'POST', '/api/journeys', { brin: known.brin });
    expect(started.status).toBe(201);
    const journeyId = started.body.journeyId as string;
    await until(
      () => stack.db.journey.count({ where: { id: journeyId } }),
      (n) => n === 1,
      'the case on record',
    );

    const contactEmail = `onbekend-${known.brin.toLowerCase()}@elders.example`;
    const answer = await postJson({
      ...requestFields(known.brin, {
        schoolName: 'Een andere naam',
        sector: 'VO',
        contactEmail,
        trackInterest: 'schoolontwikkeling',
        question: 'Kunnen wij meedoen?',
      }),
      hasAspirantYearBehind: false,
    });
    expect(answer).toEqual({ status: 202, body: conversationRequestReceived });
    const page = await postForm(`${stack.apiUrl}/gesprek-aanvragen`, requestFields(known.brin, { sector: 'VO', question: 'Nog een vraag van een collega.' }));
    expect(page.status).toBe(303);
    expect(page.location).toBe('/gesprek-aanvragen/ontvangen');

    expect(await stack.db.journey.count({ where: { brin: known.brin } })).toBe(1);
    const requests = await stack.db.conversationRequest.findMany({ where: { brin: known.brin }, orderBy: { createdAt: 'asc' } });
    expect(requests.map((r) => [r.journeyId, r.outcome])).toEqual([
      [journeyId, 'joined'],
      [journeyId, 'joined'],
    ]);
    // Anonymous input never overwrites what the office knows about a school.
    expect(await stack.db.school.findUniqueOrThrow({ where: { brin: known.brin } })).toMatchObject({ name: 'Het Kompas', contactEmail: known.contactEmail });

    await confirmationDone(requests[0]!.id);
    const [mail] = mailsTo(contactEmail);
    expect(mail!.text).toContain('Een andere naam');
    expect(mail!.text).not.toContain('Het Kompas');
    expect(mail!.text).not.toContain(known.contactEmail);

    // The office's case page shows who asked, how to reach them, and what they asked.
    const casePage = await fetch(`${stack.apiUrl}/kantoor/dossiers/${journeyId}`, { headers: { cookie: stack.cookies.staff } });
    const html = await casePage.text();
    expect(html).toContain('Aanvragen van de school');
    expect(html).toContain(contactEmail);
    expect(html).toContain('Kunnen wij meedoen?');
    expect(html).toContain('Schoolontwikkeltraject (alleen VO)');
    expect(html).toContain('kwam binnen terwijl het traject al liep');

    // The same request sent twice (a double click) is one request and one mail.
    await confirmationDone(requests[1]!.id);
    const again = await postForm(`${stack.apiUrl}/gesprek-aanvragen`, requestFields(known.brin, { sector: 'VO', question: 'Nog een vraag van een collega.' }));
    expect(again.location).toBe('/gesprek-aanvragen/ontvangen');
    expect(await stack.db.conversationRequest.count({ where: { brin: known.brin } })).toBe(2);
    await confirmationDone(requests[1]!.id);
    expect(mailsTo(requests[1]!.contactEmail)).toHaveLength(1);
    expect(await stack.db.outboxMail.count({ where: { purpose: `conversation-request-received/${requests[1]!.id}` } })).toBe(1);
  });

  it('marks a new request on the overview until the office plans the conversation', async () => {
    const brin = await unusedBrin();
    await postJson({ ...requestFields(brin, { schoolName: 'Obs Nieuwe Aanvraag' }), hasAspirantYearBehind: false });
    const { journeyId } = await stack.db.conversationRequest.findFirstOrThrow({ where: { brin } });
    await until(
      () => stack.db.journey.count({ where: { id: journeyId } }),
      (n) => n === 1,
      'the case on record',
    );
    const overview = async () => (await fetch(`${stack.apiUrl}/kantoor?attention=new_request`, { headers: { cookie: stack.cookies.staff } })).text();
    const before = await overview();
    expect(before).toContain('Obs Nieuwe Aanvraag');
    expect(before).toContain('Nieuwe aanvraag');

    const planned = await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-plan`, {
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      durationMinutes: 60,
      location: 'Online',
      plannedBy: 'Anna Visser',
    });
    expect(planned.status).toBe(200);
    await until(
      () => stack.db.auditEvent.count({ where: { journeyId, type: 'conversation_planned' } }),
      (n) => n === 1,
      'the planned conversation on record',
    );
    expect(await overview()).not.toContain('Obs Nieuwe Aanvraag');
  });
});

describe('what a request cannot do', () => {
  it('refuses bad input with Dutch messages at each field and writes nothing', async () => {
    const brin = await unusedBrin();
    const bad = requestFields(brin, {
      brin: '123',
      schoolName: '',
      sector: '',
      contactEmail: 'geen-adres',
      contactPhone: '12',
      trackInterest: '',
      question: '',
    });
    const page = await postForm(`${stack.apiUrl}/gesprek-aanvragen`, bad);
    expect(page.status).toBe(400);
    expect(page.html).toContain('<title>Fout: vraag een verkennend gesprek aan – Ontwikkelkracht</title>');
    expect(page.html).toMatch(/id="fouten" autofocus/);
    for (const message of [
      'Een BRIN-code bestaat uit twee cijfers en twee letters, bijvoorbeeld 12AB.',
      'Vul de naam van de school in.',
      'Kies de sector van de school.',
      'Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.',
      'Vul een geldig telefoonnummer in, bijvoorbeeld 030 123 45 67.',
      'Kies het traject waarin de school belangstelling heeft.',
      'Vul uw vraag in: waarover wilt u het gesprek voeren?',
    ]) {
      expect(page.html).toContain(message);
    }
    expect(page.html).toContain('id="contactEmail-fout"');
    // What was typed stays in the form.
    expect(page.html).toContain('value="geen-adres"');

    const json = await postJson({ ...bad, hasAspirantYearBehind: false });
    expect(json.status).toBe(400);
    expect(json.body.error.issues).toEqual(
      expect.arrayContaining([{ path: ['brin'], message: 'Een BRIN-code bestaat uit twee cijfers en twee letters, bijvoorbeeld 12AB.' }]),
    );

    const rule = await postJson({ ...requestFields(brin, { trackInterest: 'schoolontwikkeling' }), hasAspirantYearBehind: false });
    expect(rule.status).toBe(422);
    expect(rule.body.error.issues[0].path).toEqual(['trackInterest']);
    expect(rule.body.error.message).toContain('alleen voor scholen in het voortgezet onderwijs');

    expect(await stack.db.school.count({ where: { brin } })).toBe(0);
    expect(await stack.db.conversationRequest.count({ where: { brin } })).toBe(0);
  });

  it('answers a filled-in honeypot as a success and stores nothing', async () => {
    const brin = await unusedBrin();
    const json = await postJson({ ...requestFields(brin, { website: 'https://spam.example' }), hasAspirantYearBehind: false });
    expect(json).toEqual({ status: 202, body: conversationRequestReceived });
    const page = await postForm(`${stack.apiUrl}/gesprek-aanvragen`, requestFields(brin, { website: 'https://spam.example' }));
    expect(page.status).toBe(303);
    expect(page.location).toBe('/gesprek-aanvragen/ontvangen');
    expect(await stack.db.school.count({ where: { brin } })).toBe(0);
    expect(await stack.db.conversationRequest.count({ where: { brin } })).toBe(0);
  });

  it('is in the OpenAPI document as a public route', async () => {
    const document = (await (await fetch(`${stack.apiUrl}/openapi.json`)).json()) as any;
    const operation = document.paths['/api/conversation-requests'].post;
    expect(operation.security ?? []).toEqual([]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['202', '400', '422', '429']));
    // Generated requests (schemathesis) that the document calls valid must be taken in: an address is an address.
    // (openapi.ts states zod's own grammar for an address as its pattern.)
    expect(document.components.schemas.ConversationRequest.properties.contactEmail).toMatchObject({ type: 'string', pattern: expect.stringContaining('@') });
  });

  // Last: it uses up this address's requests for the hour.
  it('limits the requests one address makes, with a Dutch answer, on both ways in', async () => {
    let answer = { status: 0, body: {} as any };
    for (let i = 0; i < 20 && answer.status !== 429; i++) {
      answer = await postJson({ ...requestFields(await unusedBrin(), { website: 'robot' }), hasAspirantYearBehind: false });
    }
    expect(answer.status).toBe(429);
    expect(answer.body.error.message).toBe('Er zijn vanaf uw netwerk veel aanvragen verstuurd. Probeer het over een uur opnieuw, of mail het programmabureau.');
    const page = await postForm(`${stack.apiUrl}/gesprek-aanvragen`, requestFields(await unusedBrin()));
    expect(page.status).toBe(429);
    expect(page.html).toContain('Probeer het over een uur opnieuw');
    // Reading the form is not limited.
    expect((await getPage(`${stack.apiUrl}/gesprek-aanvragen`)).status).toBe(200);
  });
});
