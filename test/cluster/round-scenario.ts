/**
 * One subsidy round opening for many waiting journeys, driven from outside as the programme office
 * does it: over the HTTP API with an office session (an admin added with `npm run staff:add`), the
 * mail catcher's JSON and the Temporal CLI. Run on `npm start` (the dev server) and on
 * `npm run start:cluster`, so both runs can be compared step by step and mail by mail.
 */
import { nextSchoolYear, schoolYearOf } from '../../domain/school-year';
import { subsidyRatesFor } from '../../domain/subsidy-rates';
import { brinFor, inBatches } from '../../bench/pure';
import { run, type NpmStart } from '../support/npm-start';

const DAY = 86_400_000;
const CONCURRENCY = 8;
export const ROUND_ID = 'clusterronde';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Office {
  private cookie = '';
  constructor(private readonly stack: NpmStart) {}

  /** An admin added with `npm run staff:add`, signed in. */
  async signIn(): Promise<void> {
    const added = run(
      'npm',
      ['run', '--silent', 'staff:add', '--', 'beheer@ontwikkelkracht.example', 'Beheer', 'admin'],
      { KOERS_POSTGRES_PORT: String(this.stack.ports.postgres) },
      ['DATABASE_URL'],
    );
    const password = /First password \(shown once; keep it somewhere safe\): (\S+)/.exec(added.stdout)?.[1];
    if (!password) throw new Error(`staff:add failed:\n${added.stdout}\n${added.stderr}`);
    const response = await fetch(`${this.stack.apiUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'beheer@ontwikkelkracht.example', password }),
    });
    if (response.status !== 200) throw new Error(`sign-in: ${response.status}`);
    this.cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  /** A call as the office; retried while the API is briefly unreachable or Temporal answers 503. */
  async api(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; body: any }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${this.stack.apiUrl}${route}`, {
          method,
          headers: { cookie: this.cookie, origin: this.stack.apiUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status === 503 && attempt < 30) {
          await sleep(1_000);
          continue;
        }
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      } catch (error) {
        if (attempt >= 30) throw error;
        await sleep(1_000);
      }
    }
  }

  async expect(status: number, method: 'GET' | 'POST', route: string, body?: unknown): Promise<any> {
    const answer = await this.api(method, route, body);
    if (answer.status !== status) throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async countsByPhase(): Promise<Record<string, number>> {
    return (await this.expect(200, 'GET', '/api/cases')).countsByPhase;
  }

  /** Journeys whose intake said "expertschool", waiting for a round: `count` of them. */
  async journeysWaitingForARound(count: number): Promise<string[]> {
    const journeyIds: string[] = [];
    await inBatches(
      Array.from({ length: count }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const brin = brinFor(i);
        await this.expect(201, 'POST', '/api/schools', {
          brin,
          name: `Basisschool ${brin}`,
          sector: 'PO',
          region: 'Utrecht',
          contactEmail: `directie-${brin.toLowerCase()}@scholen.example`,
          inspectionRating: 'goed',
        });
        const { journeyId } = await this.expect(201, 'POST', '/api/journeys', { brin });
        await this.expect(200, 'POST', `/api/journeys/${journeyId}/conversation-report`, {
          conductedOn: '2026-11-20',
          report: 'Verkennend gesprek over de leesaanpak.',
        });
        await this.expect(200, 'POST', `/api/journeys/${journeyId}/intake-outcome`, { outcome: 'expertschool', notes: '' });
        journeyIds.push(journeyId);
      },
    );
    while (((await this.countsByPhase()).awaiting_round ?? 0) < count) await sleep(250);
    return journeyIds.sort();
  }

  /** Creates the round to open tomorrow, then opens it now (as the office's button does). */
  async openRound(): Promise<void> {
    const schoolYear = nextSchoolYear(schoolYearOf(new Date()));
    const now = Date.now();
    await this.expect(201, 'POST', '/api/rounds', {
      id: ROUND_ID,
      name: 'Clusterronde',
      schoolYear,
      tracks: ['expertschool'],
      opensAt: new Date(now + DAY).toISOString(),
      closesAt: new Date(now + 30 * DAY).toISOString(),
      rates: subsidyRatesFor(schoolYear) ?? subsidyRatesFor('2026-2027'),
    });
    const opened = await this.api('POST', `/api/rounds/${ROUND_ID}/open-now`, {});
    if (opened.status >= 300) throw new Error(`open-now: ${opened.status} ${JSON.stringify(opened.body)}`);
  }

  async applying(): Promise<number> {
    return (await this.countsByPhase()).application ?? 0;
  }

  /** Each journey's phase and its steps (type, in the order of their sequence numbers). */
  async journeys(journeyIds: string[]): Promise<Map<string, { phase: string; steps: string[]; seqs: number[] }>> {
    const result = new Map<string, { phase: string; steps: string[]; seqs: number[] }>();
    await inBatches(journeyIds, CONCURRENCY, async (journeyId) => {
      const journey = await this.expect(200, 'GET', `/api/journeys/${journeyId}`);
      const { entries } = await this.expect(200, 'GET', `/api/journeys/${journeyId}/timeline`);
      const steps = (entries as { kind: string; type: string; seq: number }[]).filter((e) => e.kind === 'step');
      result.set(journeyId, { phase: journey.phase, steps: steps.map((s) => s.type), seqs: steps.map((s) => s.seq) });
    });
    return result;
  }
}

/** Every mail the mail catcher received over SMTP, as "recipient | subject". */
export async function mailsOnSmtp(stack: NpmStart): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${stack.ports.mail}/messages.json`);
  const messages = (await response.json()) as { to: string; subject: string }[];
  return messages.map((m) => `${m.to} | ${m.subject}`).sort();
}

/** Waits until the mail count stays the same for `quietMs` (the outbox is drained), then returns the mails. */
export async function settledMails(stack: NpmStart, atLeast: number, quietMs = 10_000): Promise<string[]> {
  let mails = await mailsOnSmtp(stack);
  let since = Date.now();
  for (;;) {
    await sleep(1_000);
    const now = await mailsOnSmtp(stack);
    if (now.length !== mails.length) since = Date.now();
    mails = now;
    if (mails.length >= atLeast && Date.now() - since >= quietMs) return mails;
  }
}
