/**
 * The system as `npm start` runs it, for integration tests: the Temporal dev server (its own
 * process, SQLite file), the real PostgreSQL of the test run, a worker and the API on free ports.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { createDb, type Db } from '../../platform/db';
import { freePort } from '../../devtools/free-port';
import { listenOnLoopback } from '../../platform/listen';
import { createLogger } from '../../platform/logger';
import { startMailCatcher, type MailCatcher } from '../../devtools/mail-catcher';
import { createMailer } from '../../platform/mailer';
import { startDevServer, type DevServer } from '../../devtools/temporal-dev-server';
import { createKoersWorker } from '../../worker/create-worker';
import type { School } from '../../domain/school';
import { schoolYearOf } from '../../domain/school-year';
import { expertschoolJourney } from '../../workflows/expertschool-journey';
import { journeyWorkflowId } from '../../workflows/contracts/journey';
import { SESSION_COOKIE } from '../../api/office/authenticate';
import { generatePassword } from '../../services/staff/password';
import { signIn } from '../../services/staff/sessions';
import { createStaffMember, type StaffRole } from '../../services/staff/staff-member';
import { createTestDatabase } from './database';
import { quietTemporalRuntime, requiredEnv } from './time-skipping';

export interface DevStack {
  db: Db;
  /** A real SMTP server on loopback that receives the worker's mail. */
  mail: MailCatcher;
  databaseUrl: string;
  client: Client;
  taskQueue: string;
  temporalAddress: string;
  apiUrl: string;
  /** Cookie headers of signed-in office members: an admin (the `api()` default) and a staff member. */
  cookies: { admin: string; staff: string };
  devServer(): DevServer;
  /** Kills the dev server (SIGKILL, as a crash would) and starts it again on the same state file. */
  crashAndRestartDevServer(): Promise<void>;
  startWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export async function startDevStack(options: { worker: boolean; databaseUrl?: string }): Promise<DevStack> {
  quietTemporalRuntime();
  const port = await freePort();
  const dbFile = path.join(requiredEnv('KOERS_TEST_SCRATCH'), `temporal-${randomUUID()}.db`);
  const serverOptions = { cliPath: requiredEnv('TEMPORAL_CLI_PATH'), port, dbFile };
  let devServer = await startDevServer(serverOptions);

  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const db = createDb(databaseUrl);
  const connection = await Connection.connect({ address: devServer.address });
  const client = new Client({ connection });
  const taskQueue = `it-${randomUUID()}`;
  const mail = await startMailCatcher({ smtpPort: await freePort() });
  const mailer = createMailer({ smtpUrl: mail.smtpUrl });

  const app = createApp({ db, temporal: client, taskQueue, log: createLogger('silent') });
  const listening = await listenOnLoopback(app);
  const apiUrl = listening.url;

  const workers: { worker: Worker; running: Promise<void>; connection: NativeConnection }[] = [];
  async function startWorker(): Promise<Worker> {
    const workerConnection = await NativeConnection.connect({ address: devServer.address });
    const worker = await createKoersWorker({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      db,
      temporal: client,
      mailer,
      workflowBundle: { codePath: requiredEnv('KOERS_WORKFLOW_BUNDLE') },
      publicUrl: apiUrl,
    });
    workers.push({ worker, running: worker.run(), connection: workerConnection });
    return worker;
  }
  if (options.worker) await startWorker();

  const cookies = { admin: await officeCookie(db, 'admin'), staff: await officeCookie(db, 'staff') };

  return {
    db,
    mail,
    cookies,
    databaseUrl,
    client,
    taskQueue,
    temporalAddress: devServer.address,
    apiUrl,
    devServer: () => devServer,
    async crashAndRestartDevServer() {
      const child = devServer.process!;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      devServer = await startDevServer(serverOptions);
    },
    startWorker,
    async close() {
      await listening.close();
      for (const { worker, running, connection: c } of workers) {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running.catch(() => undefined);
        await c.close();
      }
      await connection.close();
      mailer.close();
      await mail.stop();
      await db.$disconnect();
      await devServer.stop();
    },
  };
}

/** A member of the office with this role, signed in: the Cookie header for their session. */
export async function officeCookie(db: Db, role: StaffRole, name = role === 'admin' ? 'Anna Visser' : 'Bram de Boer'): Promise<string> {
  const email = `${role}-${randomUUID().slice(0, 8)}@ontwikkelkracht.example`;
  const password = generatePassword();
  await createStaffMember(db, { email, name, role }, password);
  const signedIn = await signIn(db, email, password);
  return `${SESSION_COOKIE}=${signedIn!.token}`;
}

/**
 * JSON over HTTP against the stack's API, as the signed-in admin; a school's action carries its
 * link's token instead.
 */
export async function api(stack: DevStack, method: 'GET' | 'POST', route: string, body?: unknown, linkToken?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.apiUrl}${route}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      // The office's changes come from its own site (the Origin a browser sends), as CSRF protection asks.
      ...(linkToken ? { authorization: `Bearer ${linkToken}` } : { cookie: stack.cookies.admin, origin: stack.apiUrl }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Creates a round through the office API and opens it at once, for a month, for the expertschool track. */
export async function openRoundNow(stack: DevStack, round: { id: string; name: string; schoolYear: string }): Promise<void> {
  const day = 86_400_000;
  const created = await api(stack, 'POST', '/api/rounds', {
    ...round,
    opensAt: new Date(Date.now() + day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
    tracks: ['expertschool'],
    rates: { fixedPerSchool: 35_616, perOntwikkelschoolPlace: 8_480, maxPlacesPerTrajectory: 6 },
  });
  if (created.status !== 201) throw new Error(`round not created: ${JSON.stringify(created.body)}`);
  const opened = await api(stack, 'POST', `/api/rounds/${round.id}/open-now`, {});
  if (opened.status !== 200) throw new Error(`round not opened: ${JSON.stringify(opened.body)}`);
}

/**
 * Starts a school's journey at the start of an aspirant year in the current school year, as the run
 * after approval does at the school year's start: the only way to reach that year without waiting.
 */
export async function startInAspirantYear(stack: DevStack, school: School): Promise<string> {
  const journeyId = journeyWorkflowId(school.brin, 'expertschool');
  const schoolYear = schoolYearOf(new Date());
  const application = {
    id: `${journeyId}/r`,
    roundId: 'r',
    schoolYear,
    status: 'approved' as const,
    participants: [],
    sections: {},
    trajectories: [],
    otherSubsidies: [],
    amountEuros: 35_616,
    submittedAt: null,
    decision: null,
  };
  await stack.client.workflow.start(expertschoolJourney, {
    workflowId: journeyId,
    taskQueue: stack.taskQueue,
    args: [{ journeyId, school, hasAspirantYearBehind: false, cycle: 0, stepsRecorded: 0, entry: { stage: 'aspirant_year', schoolYear, application } }],
  });
  return journeyId;
}
