/**
 * Privacy (AVG): every read and change by a member of the office is on record, by route pattern
 * and the case it named; an admin can export everything Koers holds about one school; the
 * retention rule erases personal data of long-closed journeys, daily, by Temporal Schedule.
 */
import { ERASED, erasePersonalDataOfClosedJourneys } from '../../services/privacy/erase-personal-data';
import { ensureRetentionSchedule, RETENTION_SCHEDULE_ID } from '../../services/privacy/retention-schedule';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';
import { until } from '../support/until';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

test("who read or changed a school's case is on record, without the URL's contents", async () => {
  const school = await createSchool(stack.db);
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await fetch(`${stack.apiUrl}/kantoor/dossiers/${body.journeyId}?gedaan=x`, { headers: { cookie: stack.cookies.staff } });
  await fetch(`${stack.apiUrl}/api/cases?q=${encodeURIComponent(school.name)}`, { headers: { cookie: stack.cookies.staff } });
  await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de leesaanpak.',
  });

  const entries = await until(
    async () =>
      (await api(stack, 'GET', `/api/office-access?brin=${school.brin}`)).body as {
        staffName: string;
        kind: string;
        route: string;
        journeyId: string | null;
      }[],
    (list) => list.length >= 2,
    'the office access to be on record',
    50,
  );
  expect(entries.map((e) => [e.staffName, e.kind, e.route]).reverse()).toEqual([
    ['Bram de Boer', 'read', 'GET /kantoor/dossiers/:journeyId'],
    ['Anna Visser', 'change', 'POST /api/journeys/:journeyId/conversation-report'],
  ]);
  expect(entries.every((e) => e.journeyId === body.journeyId)).toBe(true);
  // A list names no case; it is on record for the member, not the school.
  const all = (await api(stack, 'GET', '/api/office-access')).body as { route: string }[];
  expect(all.some((e) => e.route === 'GET /api/cases')).toBe(true);
  expect(JSON.stringify(all)).not.toContain(school.name);

  // Staff members cannot read the record of access; admins can.
  const asStaff = await fetch(`${stack.apiUrl}/api/office-access`, { headers: { cookie: stack.cookies.staff } });
  expect(asStaff.status).toBe(403);
});

test('an admin exports everything held about one school, as a download', async () => {
  const school = await createSchool(stack.db, { name: 'Basisschool De Esch' });
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-plan`, {
    startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    location: 'Dorpsstraat 1',
  });
  await stack.mail.waitFor((m) => m.to === school.contactEmail);

  const response = await fetch(`${stack.apiUrl}/api/schools/${school.brin}/export`, { headers: { cookie: stack.cookies.admin } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="?koers-${school.brin}-\\d{4}-\\d{2}-\\d{2}\\.json"?`));
  const exported = (await response.json()) as {
    school: { name: string; contactEmail: string };
    journeys: { id: string; events: { type: string }[]; forms: unknown[] }[];
    enrolments: unknown[];
    conversationRequests: unknown[];
    mails: { to: string; subject: string }[];
    links: Record<string, unknown>[];
  };
  expect(exported.school).toMatchObject({ name: 'Basisschool De Esch', contactEmail: school.contactEmail });
  expect(exported.journeys.map((j) => j.id)).toEqual([body.journeyId]);
  expect(exported.journeys[0]!.events.map((e) => e.type)).toContain('conversation_planned');
  expect(exported.journeys[0]!.forms).toEqual([]); // the forms of a learning year or a development group, when there are
  expect(exported.enrolments).toEqual([]); // places in trajectories, when there are
  expect(exported.conversationRequests).toEqual([]); // the school's own requests for the conversation, when there are
  expect(exported.mails).toEqual([expect.objectContaining({ to: school.contactEmail })]);
  expect(exported.links).toHaveLength(1);
  expect(exported.links[0]).not.toHaveProperty('tokenHash');

  const asStaff = await fetch(`${stack.apiUrl}/api/schools/${school.brin}/export`, { headers: { cookie: stack.cookies.staff } });
  expect(asStaff.status).toBe(403);
});

/** A journey as it stands in the record: closed (or not) `daysAgo` days ago, with personal data throughout. */
async function recordedJourney(phase: 'closed' | 'decision', daysAgo: number): Promise<string> {
  const school = await createSchool(stack.db);
  const journeyId = `journey-expertschool-${school.brin}`;
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const participants = [{ name: 'Fatima el Amrani', email: 'f.elamrani@school.example', role: 'school_leader' }];
  await stack.db.journey.create({ data: { id: journeyId, brin: school.brin, track: 'expertschool', cycle: 0, phase, lastStep: 3, updatedAt: at } });
  await stack.db.application.create({
    data: {
      id: `${journeyId}/r`,
      journeyId,
      roundId: 'r',
      schoolYear: '2025-2026',
      status: 'rejected',
      participants: { create: participants.map((p, position) => ({ ...p, position })) },
    },
  });
  await stack.db.conversation.create({
    data: {
      id: `${journeyId}/0`,
      journeyId,
      cycle: 0,
      kind: 'exploratory',
      conductedOn: at,
      report: 'Gesprek met Fatima over haar team.',
      recordedBy: 'Anna Visser',
      recordedAt: at,
    },
  });
  await stack.db.auditEvent.create({
    data: {
      id: `${journeyId}#2`,
      journeyId,
      seq: 2,
      at,
      actor: 'school',
      type: 'application_saved',
      data: { type: 'application_saved', application: { participants } },
    },
  });
  await stack.db.auditEvent.create({
    data: {
      id: `${journeyId}#3`,
      journeyId,
      seq: 3,
      at,
      actor: 'Anna Visser',
      type: 'journey_closed',
      data: { type: 'journey_closed', outcome: 'rejected', reason: 'Voldoet niet.' },
    },
  });
  await stack.db.outboxMail.create({
    data: {
      id: `${journeyId}/x`,
      journeyId,
      purpose: 'x',
      to: school.contactEmail,
      subject: 'Onderwerp',
      text: 'Beste Fatima',
      html: '<p>Beste Fatima</p>',
      status: 'sent',
      requestedAt: at,
    },
  });
  await stack.db.formRequest.create({
    data: {
      id: `${journeyId}/nulmeting-2024-2025`,
      journeyId,
      kind: 'nulmeting',
      scope: '2024-2025',
      requestedAt: at,
      dueAt: at,
      status: 'answered',
      answers: { scores: { vision: 3 }, remarks: 'Fatima vindt het lastig.', at: at.toISOString() },
      answeredAt: at,
    },
  });
  await stack.db.conversationRequest.create({
    data: {
      id: `${journeyId}-request`,
      journeyId,
      brin: school.brin,
      schoolName: 'De Esch',
      sector: 'PO',
      region: 'Utrecht',
      contactName: 'Fatima el Amrani',
      contactEmail: 'fatima@esch.example',
      contactPhone: '030 123 45 67',
      trackInterest: 'unsure',
      hasAspirantYearBehind: false,
      question: 'Fatima wil weten of haar team past.',
      outcome: 'started',
    },
  });
  await stack.db.linkToken.create({
    data: {
      id: `${journeyId}-link`,
      tokenHash: `${journeyId}-hash`,
      journeyId,
      purpose: 'application',
      scope: 'r',
      singleUse: false,
      expiresAt: at,
      stepEndsAt: at,
    },
  });
  return journeyId;
}

test('the retention rule erases the personal data of journeys closed longer ago than the period, daily by Schedule', async () => {
  const due = await recordedJourney('closed', 800);
  const recent = await recordedJourney('closed', 100);
  const open = await recordedJourney('decision', 800);

  await ensureRetentionSchedule(stack.client, stack.taskQueue);
  await ensureRetentionSchedule(stack.client, stack.taskQueue); // at every worker start: no second one
  const schedule = stack.client.schedule.getHandle(RETENTION_SCHEDULE_ID);
  expect((await schedule.describe()).spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
  await schedule.trigger();
  const erased = await until(
    () => stack.db.journey.findUniqueOrThrow({ where: { id: due } }),
    (j) => j.personalDataErasedAt !== null,
    'the retention run to erase the due journey',
    50,
  );
  expect(erased.phase).toBe('closed'); // what the programme accounts for stays

  expect(await stack.db.applicationParticipant.findMany({ where: { application: { journeyId: due } }, select: { name: true, email: true } })).toEqual([
    { name: ERASED, email: 'verwijderd@verwijderd.invalid' },
  ]);
  expect((await stack.db.conversation.findFirstOrThrow({ where: { journeyId: due } })).report).toBe(ERASED);
  const events = await stack.db.auditEvent.findMany({ where: { journeyId: due }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.data)).toEqual([
    { type: 'application_saved', erased: true },
    { type: 'journey_closed', outcome: 'rejected', reason: 'Voldoet niet.' },
  ]);
  expect(await stack.db.outboxMail.findFirstOrThrow({ where: { journeyId: due } })).toMatchObject({
    to: 'verwijderd@verwijderd.invalid',
    text: '',
    html: '',
    subject: 'Onderwerp',
  });
  expect(await stack.db.linkToken.count({ where: { journeyId: due } })).toBe(0);
  expect(await stack.db.conversationRequest.findFirstOrThrow({ where: { journeyId: due } })).toMatchObject({
    contactName: ERASED,
    contactEmail: 'verwijderd@verwijderd.invalid',
    contactPhone: null,
    question: ERASED,
    trackInterest: 'unsure',
  });
  // The measurement's scores stay for the reports; what a person wrote goes.
  expect((await stack.db.formRequest.findFirstOrThrow({ where: { journeyId: due } })).answers).toMatchObject({ scores: { vision: 3 }, remarks: ERASED });

  for (const kept of [recent, open]) {
    expect(await stack.db.journey.findUniqueOrThrow({ where: { id: kept } })).toMatchObject({ personalDataErasedAt: null });
    expect((await stack.db.conversation.findFirstOrThrow({ where: { journeyId: kept } })).report).toBe('Gesprek met Fatima over haar team.');
    expect((await stack.db.formRequest.findFirstOrThrow({ where: { journeyId: kept } })).answers).toMatchObject({ remarks: 'Fatima vindt het lastig.' });
    expect((await stack.db.conversationRequest.findFirstOrThrow({ where: { journeyId: kept } })).contactEmail).toBe('fatima@esch.example');
  }
  // Run again: nothing left to do for this journey.
  expect(await erasePersonalDataOfClosedJourneys(stack.db, { now: new Date(), retentionDays: 730 })).toEqual({ erased: 0 });
});
