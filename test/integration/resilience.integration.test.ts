/**
 * A crash loses nothing: the worker process killed mid-journey or mid-mail, the Temporal dev
 * server killed and restarted on its state file, PostgreSQL stopped for a while, the SMTP server
 * refusing mail for a while. The journeys carry on from where they were, every step is stored once
 * and in order, a mail goes out once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { messageIdFor } from '../../activities/send-mail';
import { freePort } from '../../devtools/free-port';
import { getJourney, recordIntakeOutcome } from '../../workflows/contracts/journey';
import { createSchool } from '../support/fixtures';
import { startPostgresProcess, type PostgresProcess } from '../support/postgres-process';
import { requiredEnv } from '../support/time-skipping';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { linkIn, tokenOf } from '../support/school-links';
import { until } from '../support/until';

const office = 'Anna Visser';
const conversationReport = { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de leesaanpak van de school.', recordedBy: office };
const intakeOutcome = { outcome: 'expertschool', recordedBy: office };

async function expectEveryStepOnceInOrder(stack: DevStack, journeyId: string): Promise<void> {
  const events = await stack.db.auditEvent.findMany({ where: { journeyId }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.filter((e) => e.type === 'conversation_recorded')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'intake_recorded')).toHaveLength(1);
}

/** A conversation a week from now, as the office plans it: the invitation mail goes to the school. */
const conversationPlan = () => ({ startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), location: 'Dorpsstraat 1, Utrecht', plannedBy: office });

/** The journey's mail activities that Temporal has not seen finish: scheduled, running or waiting to retry. */
async function pendingMails(stack: DevStack, journeyId: string) {
  const { raw } = await stack.client.workflow.getHandle(journeyId).describe();
  return (raw.pendingActivities ?? []).filter((activity) => activity.activityType?.name === 'notifySchool');
}

async function startJourneyWithConversation(stack: DevStack): Promise<string> {
  const school = await createSchool(stack.db);
  const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  const afterReport = await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-report`, conversationReport);
  expect(afterReport.body.phase).toBe('intake');
  return body.journeyId;
}

/** The worker as `npm run worker` runs it, in a process of its own; resolves once it polls. */
function startWorkerProcess(stack: DevStack, workers: ChildProcess[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../worker/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      SMTP_URL: stack.mail.smtpUrl,
      PUBLIC_URL: stack.apiUrl,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"worker started"')) resolve(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it started:\n${output}`)));
  });
}

describe('the worker process is killed', () => {
  let stack: DevStack;
  const workers: ChildProcess[] = [];
  async function killWorkers(): Promise<void> {
    const running = workers.filter((worker) => worker.exitCode === null && worker.signalCode === null);
    await Promise.all(running.map((worker) => new Promise((resolve) => worker.once('exit', resolve).kill('SIGKILL'))));
  }

  beforeAll(async () => {
    stack = await startDevStack({ worker: false });
  });
  afterAll(async () => {
    await killWorkers();
    await stack?.close();
  });

  test('mid-journey: a new worker picks the journey up where the killed one left it', async () => {
    const first = await startWorkerProcess(stack, workers);
    const journeyId = await startJourneyWithConversation(stack);

    first.kill('SIGKILL');
    // The office acts while no worker runs: the action waits for one instead of failing.
    const intake = api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, intakeOutcome);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await startWorkerProcess(stack, workers);

    const { status, body } = await intake;
    expect(status).toBe(200);
    expect(body).toMatchObject({ phase: 'awaiting_round', conversation: { report: conversationReport.report }, intake: { outcome: 'expertschool' } });
    expect(await stack.db.journey.findUnique({ where: { id: journeyId } })).toMatchObject({ phase: 'awaiting_round' });
    await expectEveryStepOnceInOrder(stack, journeyId);
  });

  test('while it sends a mail: the mail is delivered exactly once, by the next worker', async () => {
    await killWorkers();
    const first = await startWorkerProcess(stack, workers);
    const school = await createSchool(stack.db);
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });

    // The SMTP server has the whole mail but has not said it accepted it when the worker dies.
    const hold = stack.mail.holdNextMail();
    const planned = api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-plan`, {
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      location: 'Dorpsstraat 1, Utrecht',
      plannedBy: 'Anna Visser',
    });
    await hold.held;
    first.kill('SIGKILL');
    await hold.hungUp;
    hold.release(); // too late: the server saw the client go before it answered, so it never took the mail
    expect(stack.mail.messages()).toHaveLength(0);

    await startWorkerProcess(stack, workers);
    expect((await planned).status).toBe(200);
    // The activity's heartbeat stops with the worker; after its timeout the next worker sends.
    const mail = await stack.mail.waitFor((m) => m.to === school.contactEmail, 60_000);
    // The catcher keeps a mail just before it answers 250; the worker marks the row sent after.
    const outboxRow = () => stack.db.outboxMail.findFirstOrThrow({ where: { journeyId: body.journeyId } });
    let row = await outboxRow();
    for (let i = 0; i < 100 && row.status !== 'sent'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await outboxRow();
    }
    expect(row).toMatchObject({ status: 'sent', attempts: 2, messageId: mail.messageId });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(stack.mail.messages().filter((m) => m.to === school.contactEmail)).toHaveLength(1);
    // And the one link in it is the one stored (the first attempt's transaction made it, once).
    expect(await stack.db.linkToken.count({ where: { journeyId: body.journeyId } })).toBe(1);
  });

  test('amid many mails: every mail arrives, a double only under its own Message-ID; prints how many came twice', async () => {
    await killWorkers();
    const first = await startWorkerProcess(stack, workers);
    const schools = await Promise.all(Array.from({ length: 20 }, () => createSchool(stack.db)));
    const addresses = new Set(schools.map((school) => school.contactEmail));
    const journeyIds = await Promise.all(
      schools.map(async (school) => (await api(stack, 'POST', '/api/journeys', { brin: school.brin })).body.journeyId as string),
    );
    const ours = () => stack.mail.messages().filter((m) => m.envelope.to.some((address) => addresses.has(address)));

    // Twenty invitations under way at once; the worker dies once some have arrived and others not.
    const planned = journeyIds.map((journeyId) => api(stack, 'POST', `/api/journeys/${journeyId}/conversation-plan`, conversationPlan()));
    await until(
      async () => ours().length,
      (n) => n >= 5,
      'some invitations to arrive',
      600,
    );
    first.kill('SIGKILL');
    await startWorkerProcess(stack, workers);
    for (const reply of await Promise.all(planned)) expect(reply.status).toBe(200);

    // Once no mail activity is pending, none can still send: what the server has then is final.
    const { rows } = await until(
      async () => ({
        rows: await stack.db.outboxMail.findMany({ where: { journeyId: { in: journeyIds } } }),
        pending: await Promise.all(journeyIds.map((id) => pendingMails(stack, id))),
      }),
      ({ rows, pending }) => rows.length === journeyIds.length && rows.every((r) => r.status === 'sent') && pending.every((p) => p.length === 0),
      'every invitation to be sent',
      1_800,
    );
    const arrived = ours();
    const byMessageId = new Map<string, number>();
    for (const mail of arrived) byMessageId.set(mail.messageId!, (byMessageId.get(mail.messageId!) ?? 0) + 1);
    // Every mail arrived, each under the Message-ID of its outbox key: a double is recognisable as one.
    expect([...byMessageId.keys()].sort()).toEqual(rows.map((r) => messageIdFor(r.id)).sort());
    const doubles = [...byMessageId.values()].filter((n) => n > 1).length;
    console.log(`worker killed amid ${rows.length} mails: ${doubles} arrived twice (same Message-ID), ${arrived.length} messages in all`);
    expect(arrived.length).toBe(rows.length + [...byMessageId.values()].reduce((extra, n) => extra + n - 1, 0));
  });
});

describe('the Temporal dev server crashes and restarts', () => {
  let stack: DevStack;
  beforeAll(async () => {
    stack = await startDevStack({ worker: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  test('journeys, their state and their history survive on the state file', async () => {
    const journeyIds = await Promise.all([startJourneyWithConversation(stack), startJourneyWithConversation(stack)]);

    await stack.crashAndRestartDevServer();

    for (const journeyId of journeyIds) {
      const { body } = await api(stack, 'GET', `/api/journeys/${journeyId}`);
      expect(body).toMatchObject({ phase: 'intake', conversation: { report: conversationReport.report } });
      const intake = await api(stack, 'POST', `/api/journeys/${journeyId}/intake-outcome`, intakeOutcome);
      expect(intake.body.phase).toBe('awaiting_round');
      await expectEveryStepOnceInOrder(stack, journeyId);
    }
  });
});

describe('PostgreSQL is down for a while', () => {
  let stack: DevStack;
  let database: PostgresProcess;
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    // A PostgreSQL of its own, to stop and start again; the other tests' one stays up.
    dataDir = path.join(requiredEnv('KOERS_TEST_SCRATCH'), `postgres-outage-${Date.now()}`);
    port = await freePort();
    database = await startPostgresProcess(dataDir, port, true);
    stack = await startDevStack({ worker: true, databaseUrl: database.url });
  });
  afterAll(async () => {
    await stack?.close();
    await database?.stop();
  });

  test('an action taken meanwhile waits for it, shows as unrecorded, and is stored once, in order, when it is back', async () => {
    const journeyId = await startJourneyWithConversation(stack);
    const handle = stack.client.workflow.getHandle(journeyId);

    await database.stop();
    // The office's decision reaches the workflow; storing the step waits for the database.
    const intake = handle.executeUpdate(recordIntakeOutcome, { args: [{ outcome: 'expertschool', notes: '', recordedBy: 'Anna Visser' }] });
    let view = await handle.query(getJourney);
    for (let i = 0; i < 100 && view.unrecordedSteps === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await handle.query(getJourney);
    }
    expect(view).toMatchObject({ phase: 'awaiting_round', intake: { outcome: 'expertschool' } });
    expect(view.unrecordedSteps).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    database = await startPostgresProcess(dataDir, port);
    expect(await intake).toMatchObject({ phase: 'awaiting_round', unrecordedSteps: 0 });
    expect(await stack.db.journey.findUnique({ where: { id: journeyId } })).toMatchObject({ phase: 'awaiting_round' });
    await expectEveryStepOnceInOrder(stack, journeyId);
    // Its mail beside the flow (the school waits for a round) is out before the next test holds "the next mail".
    await until(
      async () => ({ rows: await stack.db.outboxMail.findMany({ where: { journeyId } }), pending: await pendingMails(stack, journeyId) }),
      ({ rows, pending }) => pending.length === 0 && rows.length > 0 && rows.every((r) => r.status === 'sent'),
      "the journey's mail to be sent",
    );
  });

  test('a mail the SMTP server accepted just before the database went is not sent again when the database is back', async () => {
    const school = await createSchool(stack.db);
    const { body } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
    const toSchool = () => stack.mail.messages().filter((m) => m.envelope.to.includes(school.contactEmail));

    // The outbox row is written and claimed; the server has the whole mail but has not answered.
    const hold = stack.mail.holdNextMail();
    expect((await api(stack, 'POST', `/api/journeys/${body.journeyId}/conversation-plan`, conversationPlan())).status).toBe(200);
    await hold.held;
    await database.stop();
    hold.release(); // the server takes the mail (250); marking the row sent then fails
    await stack.mail.waitFor((m) => m.envelope.to.includes(school.contactEmail));
    await until(
      () => pendingMails(stack, body.journeyId),
      (pending) => pending.some((activity) => (activity.attempt ?? 0) >= 2),
      'the mail activity to fail after its send',
    );

    database = await startPostgresProcess(dataDir, port);
    const { row } = await until(
      async () => ({ row: await stack.db.outboxMail.findFirst({ where: { journeyId: body.journeyId } }), pending: await pendingMails(stack, body.journeyId) }),
      ({ row, pending }) => row?.status === 'sent' && pending.length === 0,
      'the mail to be marked sent',
      600,
    );
    expect(row).toMatchObject({ messageId: messageIdFor(row!.id) });
    // No attempt is left that could still send: what the server has now is final.
    expect(toSchool().map((m) => m.messageId)).toEqual([messageIdFor(row!.id)]);
  });
});

describe('the SMTP server refuses mail for a while', () => {
  let stack: DevStack;
  beforeAll(async () => {
    stack = await startDevStack({ worker: true });
  });
  afterAll(async () => {
    stack?.mail.setRefusing(false);
    await stack?.close();
  });

  test('journeys go on, the office sees the mail that does not arrive, and once the server takes mail again each arrives once', async () => {
    const schools = [await createSchool(stack.db, { name: 'Basisschool De Linde' }), await createSchool(stack.db, { name: 'Basisschool Het Anker' })];
    const journeyIds: string[] = [];
    for (const school of schools) journeyIds.push((await api(stack, 'POST', '/api/journeys', { brin: school.brin })).body.journeyId);
    const [confirming, movingOn] = journeyIds as [string, string];
    const outbox = () => stack.db.outboxMail.findMany({ where: { journeyId: { in: journeyIds } } });
    const overview = () => fetch(`${stack.apiUrl}/kantoor`, { headers: { cookie: stack.cookies.staff } }).then((r) => r.text());

    // A relay that is down or overloaded answers every mail with 451: try again later.
    stack.mail.setRefusing(true);
    for (const journeyId of journeyIds) {
      // The invitation waits for the server; the office's action does not.
      expect(await api(stack, 'POST', `/api/journeys/${journeyId}/conversation-plan`, conversationPlan())).toMatchObject({
        status: 200,
        body: { phase: 'conversation', waitingFor: 'school' },
      });
    }
    // Temporal retries each mail; every failed attempt is counted on its outbox row, with the error.
    const refused = await until(outbox, (rows) => rows.length === 2 && rows.every((r) => r.attempts >= 2), 'the refused mails to be retried');
    for (const row of refused) {
      expect(row).toMatchObject({ status: 'pending', sentAt: null });
      expect(row.lastError).toMatch(/451 .*Tijdelijk niet beschikbaar/);
    }
    for (const journeyId of journeyIds) {
      const [activity] = await pendingMails(stack, journeyId);
      expect(activity?.attempt).toBeGreaterThanOrEqual(2);
      expect(activity?.lastFailure?.message).toContain('451');
    }

    // The journey goes on without its mail: the office holds the conversation and decides the intake.
    expect((await api(stack, 'POST', `/api/journeys/${movingOn}/conversation-report`, conversationReport)).body.phase).toBe('intake');
    expect((await api(stack, 'POST', `/api/journeys/${movingOn}/intake-outcome`, intakeOutcome)).body.phase).toBe('awaiting_round');

    // The office sees it while it lasts: on the overview, in the problems, on the case's timeline.
    const problems: { journeyId: string; attempts: number; lastError: string }[] = (await api(stack, 'GET', '/api/problems')).body;
    // Per mail: the school that moved on has its mail about waiting for a round as well.
    expect([...new Set(problems.map((p) => p.journeyId))].sort()).toEqual([...journeyIds].sort());
    for (const problem of problems) expect(problem.lastError).toContain('451');
    expect(JSON.stringify(problems)).not.toContain('@school.example');
    const page = await overview();
    const problemsSection = page.slice(page.indexOf('id="problemen-kop"'), page.indexOf('</section>', page.indexOf('id="problemen-kop"')));
    expect(problemsSection).toContain('E-mail die niet aankomt');
    for (const [i, school] of schools.entries()) {
      expect(problemsSection).toContain(`/kantoor/dossiers/${journeyIds[i]}`);
      expect(problemsSection).toContain(school.name);
    }
    expect(problemsSection).toContain('451');
    const casePage = await fetch(`${stack.apiUrl}/kantoor/dossiers/${confirming}`, { headers: { cookie: stack.cookies.staff } }).then((r) => r.text());
    expect(casePage).toContain('nog niet verstuurd');
    expect(stack.mail.messages()).toHaveLength(0);

    stack.mail.setRefusing(false);
    // Once no mail activity is pending, none can still send: what the server has then is final.
    const { rows } = await until(
      async () => ({ rows: await outbox(), pending: await Promise.all(journeyIds.map((id) => pendingMails(stack, id))) }),
      ({ rows, pending }) => rows.every((r) => r.status === 'sent') && pending.every((p) => p.length === 0),
      'every refused mail to be sent',
      900,
    );
    for (const row of rows) {
      expect(row.messageId).toBe(messageIdFor(row.id));
      // The mail about waiting for a round was asked for last: its first attempt may come after the relay is back.
      expect(row.attempts).toBeGreaterThanOrEqual(row.purpose.startsWith('awaiting-round/') ? 1 : 2);
    }
    // Every mail arrived exactly once: none lost, none twice.
    const arrived = stack.mail.messages();
    expect(arrived.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.messageId).sort());
    for (const [i, school] of schools.entries()) {
      const expected = rows.filter((r) => r.journeyId === journeyIds[i]).map((r) => r.messageId);
      expect(
        arrived
          .filter((m) => m.envelope.to.includes(school.contactEmail))
          .map((m) => m.messageId)
          .sort(),
      ).toEqual(expected.sort());
    }
    // Each mail's link was made once, by the transaction that wrote its outbox row.
    for (const journeyId of journeyIds) expect(await stack.db.linkToken.count({ where: { journeyId } })).toBe(1);

    // The trouble is gone from the office's view.
    expect((await api(stack, 'GET', '/api/problems')).body).toEqual([]);
    expect(await overview()).not.toContain('E-mail die niet aankomt');

    // And the journeys carry on: the school answers with the link in the mail that arrived late.
    const invitation = arrived.find((m) => m.envelope.to.includes(schools[0]!.contactEmail))!;
    expect(await api(stack, 'POST', `/api/journeys/${confirming}/conversation-response`, { answer: 'confirm' }, tokenOf(linkIn(invitation)))).toMatchObject({
      status: 200,
      body: { phase: 'conversation', waitingFor: 'office' },
    });
    expect((await api(stack, 'GET', `/api/journeys/${movingOn}`)).body).toMatchObject({ phase: 'awaiting_round', unrecordedSteps: 0 });
    await expectEveryStepOnceInOrder(stack, movingOn);
  });
});
