/**
 * Privacy (AVG): every read and change by a member of the office is on record, by route pattern
 * and the case it named; an admin can export everything Koers holds about one school.
 */
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { createSchool } from '../support/fixtures';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out');
}

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
    journeys: { id: string; events: { type: string }[] }[];
    mails: { to: string; subject: string }[];
    links: Record<string, unknown>[];
  };
  expect(exported.school).toMatchObject({ name: 'Basisschool De Esch', contactEmail: school.contactEmail });
  expect(exported.journeys.map((j) => j.id)).toEqual([body.journeyId]);
  expect(exported.journeys[0]!.events.map((e) => e.type)).toContain('conversation_planned');
  expect(exported.mails).toEqual([expect.objectContaining({ to: school.contactEmail })]);
  expect(exported.links).toHaveLength(1);
  expect(exported.links[0]).not.toHaveProperty('tokenHash');

  const asStaff = await fetch(`${stack.apiUrl}/api/schools/${school.brin}/export`, { headers: { cookie: stack.cookies.staff } });
  expect(asStaff.status).toBe(403);
});
