/**
 * Subsidy rounds through the API on the Temporal dev server: a real Schedule opens the round (and
 * shows in `temporal schedule list`), waiting journeys join it, and bad input is refused.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { amsterdamIso } from '../../domain/amsterdam-time';
import { nextSchoolYear, schoolYearOf } from '../../domain/school-year';
import { createSchool } from '../support/fixtures';
import { api, startDevStack, type DevStack } from '../support/dev-stack';
import { requiredEnv } from '../support/time-skipping';
import { until } from '../support/until';
import { hashToken } from '../../services/links/link-token';
import { getPage, linkIn, postForm, tokenOf } from '../support/school-links';

const DAY = 86_400_000;
const office = 'Anna Visser';
let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({ worker: true });
});
afterAll(async () => {
  await stack?.close();
});

const schoolYear = nextSchoolYear(schoolYearOf(new Date()));
let counter = 0;
function roundInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    id: `test-${Date.now()}-${counter}`,
    name: 'Voorjaarsronde',
    // Each test its own school year slot, far apart, so windows only overlap where a test wants it.
    schoolYear: `${2040 + counter}-${2041 + counter}`,
    opensAt: new Date(Date.now() + 30 * DAY).toISOString(),
    closesAt: new Date(Date.now() + 60 * DAY).toISOString(),
    tracks: ['expertschool'],
    rates: { fixedPerSchool: 35_616, perOntwikkelschoolPlace: 8_480, maxPlacesPerTrajectory: 6 },
    ...overrides,
  };
}

test('a Schedule opens the round at its moment, visible to the Temporal CLI, and waiting journeys join it', async () => {
  const school = await createSchool(stack.db);
  const { body: started } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await api(stack, 'POST', `/api/journeys/${started.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de aanpak.',
    recordedBy: office,
  });
  const waiting = await api(stack, 'POST', `/api/journeys/${started.journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  expect(waiting.body.phase).toBe('awaiting_round');

  const input = roundInput({ schoolYear, opensAt: new Date(Date.now() + 3_000).toISOString() });
  const created = await api(stack, 'POST', '/api/rounds', input);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ id: input.id, status: 'scheduled', placesTaken: 0, reminderDaysBefore: [14, 3] });

  const { stdout } = await promisify(execFile)(requiredEnv('TEMPORAL_CLI_PATH'), ['schedule', 'list', '--address', stack.temporalAddress]);
  expect(stdout).toContain(`round-${input.id}`);

  await until(
    () => api(stack, 'GET', `/api/rounds/${input.id}`),
    (r) => r.body.status === 'open',
    'the Schedule to open the round',
  );
  const joined = await until(
    () => api(stack, 'GET', `/api/journeys/${started.journeyId}`),
    (r) => r.body.phase === 'application',
    'the journey to join',
  );
  expect(joined.body.application.roundId).toBe(input.id);
});

test('times are Amsterdam wall-clock times, across daylight saving', async () => {
  const winter = await api(stack, 'POST', '/api/rounds', roundInput({ opensAt: '2040-01-15T09:00', closesAt: '2040-03-30T17:00' }));
  expect(winter.status).toBe(201);
  expect(winter.body.opensAt).toBe('2040-01-15T08:00:00.000Z'); // CET, UTC+1
  expect(winter.body.closesAt).toBe('2040-03-30T15:00:00.000Z'); // CEST, UTC+2 (clocks went forward on 25 March)
  expect(amsterdamIso(new Date(winter.body.closesAt))).toBe('2040-03-30T17:00:00+02:00');
});

describe('bad input is refused with a reason', () => {
  test('closing before opening', async () => {
    const { status, body } = await api(stack, 'POST', '/api/rounds', roundInput({ opensAt: '2040-05-01T09:00', closesAt: '2040-04-01T09:00' }));
    expect(status).toBe(422); // a rule across fields, which no schema can say
    expect(body.error.issues).toEqual([{ path: ['closesAt'], message: 'Een ronde sluit na het moment waarop zij opent.' }]);
  });

  test('overlapping rounds for the same track and school year; another track may overlap', async () => {
    const first = roundInput();
    expect((await api(stack, 'POST', '/api/rounds', first)).status).toBe(201);
    const dayLater = new Date(Date.parse(first.opensAt) + DAY).toISOString();
    const overlapping = await api(stack, 'POST', '/api/rounds', { ...first, id: `${first.id}-b`, opensAt: dayLater });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.message).toMatch(/^Deze ronde overlapt met "Voorjaarsronde"/);
    const otherTrack = await api(stack, 'POST', '/api/rounds', { ...first, id: `${first.id}-c`, tracks: ['ontwikkelschool'] });
    expect(otherTrack.status).toBe(201);
    expect(await stack.db.subsidyRound.count({ where: { id: `${first.id}-b` } })).toBe(0);
  });

  test('rescheduling a round that has closed', async () => {
    const input = roundInput({ opensAt: new Date(Date.now() - DAY).toISOString(), closesAt: new Date(Date.now() + 2_000).toISOString() });
    expect((await api(stack, 'POST', '/api/rounds', input)).status).toBe(201);
    await until(
      () => api(stack, 'GET', `/api/rounds/${input.id}`),
      (r) => r.body.status === 'closed',
      'the round to close',
    );
    const moved = await api(stack, 'POST', `/api/rounds/${input.id}/reschedule`, { closesAt: new Date(Date.now() + 10 * DAY).toISOString() });
    expect(moved.status).toBe(409);
    expect(moved.body.error.message).toBe('Deze ronde is al gesloten; verzetten kan niet meer.');
  });

  test('a closing moment in the past, an unknown round, a malformed moment', async () => {
    const past = await api(stack, 'POST', '/api/rounds', roundInput({ opensAt: '2020-01-01T09:00', closesAt: '2020-02-01T09:00' }));
    expect(past.status).toBe(422);
    expect((await api(stack, 'GET', '/api/rounds/bestaat-niet')).status).toBe(404);
    const malformed = await api(stack, 'POST', '/api/rounds', roundInput({ opensAt: 'morgen' }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues[0]).toEqual({ path: ['opensAt'], message: 'Vul een moment in als 2027-04-25T09:00 (Nederlandse tijd).' });
  });

  test('rescheduling a scheduled round moves its Schedule; cancelling removes it', async () => {
    const input = roundInput();
    await api(stack, 'POST', '/api/rounds', input);
    const later = new Date(Date.now() + 40 * DAY);
    const moved = await api(stack, 'POST', `/api/rounds/${input.id}/reschedule`, { opensAt: later.toISOString() });
    expect(moved.body.opensAt).toBe(later.toISOString());
    const described = await stack.client.schedule.getHandle(`round-${input.id}`).describe();
    expect(described.info.nextActionTimes[0]?.getTime()).toBe(Math.floor(later.getTime() / 1000) * 1000);

    const cancelled = await api(stack, 'POST', `/api/rounds/${input.id}/cancel`, { reason: 'Het budget is nog niet vastgesteld.' });
    expect(cancelled.body.status).toBe('cancelled');
    await expect(stack.client.schedule.getHandle(`round-${input.id}`).describe()).rejects.toThrow();
  });
});

test('a link to apply lives as long as its round: a move extends it; after the close it says the round closed and what happens next', async () => {
  const input = roundInput({ opensAt: new Date(Date.now() - DAY).toISOString(), closesAt: new Date(Date.now() + 20_000).toISOString() });
  expect((await api(stack, 'POST', '/api/rounds', input)).status).toBe(201);
  await until(
    () => api(stack, 'GET', `/api/rounds/${input.id}`),
    (r) => r.body.status === 'open',
    'the round to open',
  );
  const school = await createSchool(stack.db);
  const { body: started } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  await api(stack, 'POST', `/api/journeys/${started.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de aanpak.',
    recordedBy: office,
  });
  const applying = await api(stack, 'POST', `/api/journeys/${started.journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  expect(applying.body.application.roundId).toBe(input.id);
  const link = linkIn(await stack.mail.waitFor((mail) => mail.to === school.contactEmail && /is geopend$/.test(mail.subject)));

  // The office gives the round five more seconds: the link sent already lives until then too.
  const later = new Date(Date.parse(input.closesAt) + 5_000).toISOString();
  expect((await api(stack, 'POST', `/api/rounds/${input.id}/reschedule`, { closesAt: later })).status).toBe(200);
  const row = await until(
    () => stack.db.linkToken.findUniqueOrThrow({ where: { tokenHash: hashToken(tokenOf(link)) } }),
    (l) => l.stepEndsAt.toISOString() === later,
    'the link to live until the new close',
  );
  expect(row.expiresAt.toISOString()).toBe(later);

  await until(
    () => api(stack, 'GET', `/api/rounds/${input.id}`),
    (r) => r.body.status === 'closed',
    'the round to close',
    400,
  );
  const page = await getPage(link);
  expect(page.status).toBe(410);
  expect(page.html).toContain('De subsidieronde is gesloten');
  expect(page.html).toContain('volgende ronde');
  expect(page.html).not.toContain('Stuur een nieuwe link');
  const submitted = await postForm(link, { intent: 'submit' });
  expect(submitted.status).toBe(410);
  expect(submitted.html).toContain('De subsidieronde is gesloten');
  const viaJson = await api(stack, 'POST', `/api/journeys/${started.journeyId}/application`, {}, tokenOf(link));
  expect(viaJson).toMatchObject({ status: 410, body: { error: { code: 'step_ended' } } });
  expect(viaJson.body.error.message).toContain('volgende ronde');
});

test('in a round the office extended, a link to apply that expired on its own is renewed, and the new link lives until the new close', async () => {
  const input = roundInput({ opensAt: new Date(Date.now() - DAY).toISOString(), closesAt: new Date(Date.now() + DAY).toISOString() });
  expect((await api(stack, 'POST', '/api/rounds', input)).status).toBe(201);
  await until(
    () => api(stack, 'GET', `/api/rounds/${input.id}`),
    (r) => r.body.status === 'open',
    'the round to open',
  );
  const school = await createSchool(stack.db);
  const { body: started } = await api(stack, 'POST', '/api/journeys', { brin: school.brin });
  const reported = await api(stack, 'POST', `/api/journeys/${started.journeyId}/conversation-report`, {
    conductedOn: '2026-11-20',
    report: 'Verkennend gesprek over de aanpak.',
    recordedBy: office,
  });
  expect(reported.status).toBe(200);
  const applying = await api(stack, 'POST', `/api/journeys/${started.journeyId}/intake-outcome`, { outcome: 'expertschool', recordedBy: office });
  expect(applying).toMatchObject({ status: 200, body: { application: { roundId: input.id } } });
  const link = linkIn(await stack.mail.waitFor((mail) => mail.to === school.contactEmail && /is geopend$/.test(mail.subject), 30_000));

  // The office extends the round by two days; the link sent already follows.
  const later = new Date(Date.parse(input.closesAt) + 2 * DAY).toISOString();
  expect((await api(stack, 'POST', `/api/rounds/${input.id}/reschedule`, { closesAt: later })).status).toBe(200);
  await until(
    () => stack.db.linkToken.findUniqueOrThrow({ where: { tokenHash: hashToken(tokenOf(link)) } }),
    (l) => l.stepEndsAt.toISOString() === later,
    'the link to live until the new close',
  );
  // The link's own lifetime has run out (as after weeks in a long round); the round is still open.
  await stack.db.linkToken.update({ where: { tokenHash: hashToken(tokenOf(link)) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
  const expired = await getPage(link);
  expect(expired.status).toBe(410);
  expect(expired.html).toContain('Deze link is verlopen');
  expect(expired.html).toContain(`action="/s/${tokenOf(link)}/nieuwe-link"`);

  expect((await postForm(`${link}/nieuwe-link`, { intent: 'renew' })).status).toBe(202);
  const renewal = linkIn(await stack.mail.waitFor((mail) => mail.to === school.contactEmail && /^Uw nieuwe link voor uw subsidieaanvraag$/.test(mail.subject)));
  const fresh = await getPage(renewal);
  expect(fresh.status).toBe(200);
  expect(fresh.html).toContain(school.name);
  const row = await stack.db.linkToken.findUniqueOrThrow({ where: { tokenHash: hashToken(tokenOf(renewal)) } });
  expect(row).toMatchObject({ purpose: 'application', scope: input.id });
  expect(row.stepEndsAt.toISOString()).toBe(later);
  expect(row.expiresAt.toISOString()).toBe(later);
});
