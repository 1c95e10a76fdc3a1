/**
 * A crash loses nothing: the worker process killed mid-journey or mid-mail, the Temporal dev
 * server killed and restarted on its state file, PostgreSQL stopped for a while. The journeys
 * carry on from where they were, every step is stored once and in order, a mail goes out once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { getJourney, recordIntakeOutcome } from '../../workflows/expertschool-journey.messages';
import { createSchool } from '../support/fixtures';
import { startPostgresProcess, type PostgresProcess } from '../support/postgres-process';
import { requiredEnv } from '../support/time-skipping';
import { api, startDevStack, type DevStack } from '../support/dev-stack';

const office = 'Anna Visser';
const conversationReport = { conductedOn: '2026-11-20', report: 'Verkennend gesprek over de leesaanpak van de school.', recordedBy: office };
const intakeOutcome = { outcome: 'expertschool', recordedBy: office };

async function expectEveryStepOnceInOrder(stack: DevStack, journeyId: string): Promise<void> {
  const events = await stack.db.auditEvent.findMany({ where: { journeyId }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.filter((e) => e.type === 'conversation_recorded')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'intake_recorded')).toHaveLength(1);
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
  });
});
