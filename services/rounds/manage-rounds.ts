/**
 * The office's hold on subsidy rounds: create, reschedule, open now, cancel. The record is
 * PostgreSQL; the opening moment is a Temporal Schedule; an open round is its workflow.
 */
import type { Client } from '@temporalio/client';
import { amsterdamIso } from '../../domain/amsterdam-time';
import { RoundView, windowsOverlap, type CreateRound, type RescheduleRound } from '../../domain/round';
import { subsidyRatesFor, SubsidyRates } from '../../domain/subsidy-rates';
import type { Db, Prisma } from '../../platform/db';
import { remindersFor } from '../../domain/round';
import { roundCancelled, roundRescheduled } from '../../workflows/contracts/subsidy-round';
import { AppError } from '../errors';
import { createRoundSchedule, deleteRoundSchedule, moveRoundSchedule, startRoundNow } from './round-schedule';

export interface RoundDependencies {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

type RoundRow = Prisma.SubsidyRoundGetPayload<{ include: { _count: { select: { places: true } } } }>;
const withPlaces = { _count: { select: { places: true } } } as const;

function view(row: RoundRow): RoundView {
  return RoundView.parse({
    ...row,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    placesTaken: row._count.places,
  });
}

async function findRound(db: Db | Prisma.TransactionClient, id: string): Promise<RoundRow> {
  const row = await db.subsidyRound.findUnique({ where: { id }, include: withPlaces });
  if (!row) throw new AppError('round_not_found', `Er is geen subsidieronde "${id}".`);
  return row;
}

/**
 * A closed or cancelled round takes no more changes; `consequence` finishes the sentence. Exported
 * for the office's pages, which say it before their "Weet u het zeker?" step.
 */
export function refuseIfEnded(round: { status: string }, consequence = ''): void {
  if (round.status === 'closed' || round.status === 'cancelled') {
    const ended = round.status === 'closed' ? 'gesloten' : 'geannuleerd';
    throw new AppError('round_not_changeable', `Deze ronde is al ${ended}${consequence}.`);
  }
}

/** A round closes after it opens (ISO moments). Exported for the pages, as refuseIfEnded is. */
export function refuseClosingBeforeOpening(window: { opensAt: string; closesAt: string }): void {
  if (Date.parse(window.closesAt) <= Date.parse(window.opensAt)) {
    const message = 'Een ronde sluit na het moment waarop zij opent.';
    throw new AppError('round_invalid', message, [{ path: ['closesAt'], message }]);
  }
}

/** Refuses a window that closes in the past or overlaps another live round for a track in the same school year. */
async function checkWindow(
  tx: Prisma.TransactionClient,
  round: { id: string; schoolYear: string; tracks: string[]; opensAt: string; closesAt: string },
): Promise<void> {
  if (Date.parse(round.closesAt) <= Date.now()) {
    throw new AppError('round_invalid', 'Het sluitingsmoment ligt in het verleden.', [
      { path: ['closesAt'], message: 'Het sluitingsmoment ligt in het verleden.' },
    ]);
  }
  // One round created or moved at a time: the overlap check and the write must not interleave.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('subsidy-round-windows'))`;
  const others = await tx.subsidyRound.findMany({
    where: { schoolYear: round.schoolYear, id: { not: round.id }, status: { in: ['scheduled', 'open'] }, tracks: { hasSome: round.tracks } },
  });
  const clash = others.find((other) => windowsOverlap(round, { opensAt: other.opensAt.toISOString(), closesAt: other.closesAt.toISOString() }));
  if (clash) {
    throw new AppError(
      'round_overlaps',
      `Deze ronde overlapt met "${clash.name}" (${amsterdamIso(clash.opensAt)} tot ${amsterdamIso(clash.closesAt)}) voor hetzelfde traject en schooljaar.`,
    );
  }
}

export async function createRound({ db, temporal, taskQueue }: RoundDependencies, input: CreateRound): Promise<RoundView> {
  const rates = input.rates ?? subsidyRatesFor(input.schoolYear);
  if (!rates) {
    throw new AppError('round_invalid', `Voor schooljaar ${input.schoolYear} zijn nog geen subsidiebedragen vastgelegd; geef ze mee met de ronde.`, [
      { path: ['rates'], message: 'Geef de bedragen voor dit schooljaar.' },
    ]);
  }
  const opensNow = Date.parse(input.opensAt) <= Date.now();
  await db.$transaction(async (tx) => {
    await checkWindow(tx, input);
    const created = await tx.subsidyRound.createMany({
      data: [{ ...input, rates: SubsidyRates.parse(rates), status: 'scheduled' }],
      skipDuplicates: true,
    });
    if (created.count === 0) throw new AppError('round_exists', `Er is al een subsidieronde "${input.id}".`);
    // Inside the transaction: if the Schedule cannot be made, the round is not recorded either.
    if (!opensNow) await createRoundSchedule(temporal, taskQueue, { id: input.id, name: input.name, opensAt: new Date(input.opensAt) });
  });
  if (opensNow) await startRoundNow(temporal, taskQueue, input.id);
  return view(await findRound(db, input.id));
}

export async function listRounds(db: Db): Promise<RoundView[]> {
  const rows = await db.subsidyRound.findMany({ include: withPlaces, orderBy: [{ opensAt: 'desc' }] });
  return rows.map(view);
}

export async function getRound(db: Db, id: string): Promise<RoundView> {
  return view(await findRound(db, id));
}

export async function rescheduleRound({ db, temporal, taskQueue }: RoundDependencies, id: string, change: RescheduleRound): Promise<RoundView> {
  let openNow = false;
  await db.$transaction(async (tx) => {
    const row = await findRound(tx, id);
    refuseIfEnded(row, '; verzetten kan niet meer');
    if (row.status === 'open' && change.opensAt) {
      throw new AppError('round_not_changeable', 'Deze ronde is al open; alleen het sluitingsmoment kan nog veranderen.');
    }
    const opensAt = change.opensAt ?? row.opensAt.toISOString();
    const closesAt = change.closesAt ?? row.closesAt.toISOString();
    refuseClosingBeforeOpening({ opensAt, closesAt });
    await checkWindow(tx, { id, schoolYear: row.schoolYear, tracks: row.tracks, opensAt, closesAt });
    await tx.subsidyRound.update({ where: { id }, data: { opensAt: new Date(opensAt), closesAt: new Date(closesAt) } });

    if (row.status === 'open') {
      const reminders = remindersFor(new Date(closesAt), row.reminderDaysBefore);
      await temporal.workflow.getHandle(row.workflowId!).signal(roundRescheduled, { closesAt, reminders });
    } else if (Date.parse(opensAt) <= Date.now()) {
      openNow = true;
    } else {
      await moveRoundSchedule(temporal, id, new Date(opensAt));
    }
  });
  if (openNow) await openRoundNow({ db, temporal, taskQueue }, id);
  return getRound(db, id);
}

export async function openRoundNow({ db, temporal, taskQueue }: RoundDependencies, id: string): Promise<RoundView> {
  const row = await findRound(db, id);
  // A second click finds the round open, or opening (its workflow started): nothing more to do.
  if (row.status === 'open') return view(row);
  refuseIfEnded(row, '; openen kan niet meer');
  await deleteRoundSchedule(temporal, id);
  await startRoundNow(temporal, taskQueue, id);
  return getRound(db, id);
}

export async function cancelRound({ db, temporal }: RoundDependencies, id: string, reason: string): Promise<RoundView> {
  const row = await findRound(db, id);
  refuseIfEnded(row);
  await db.subsidyRound.update({ where: { id }, data: { cancelReason: reason } });
  if (row.status === 'scheduled') {
    await deleteRoundSchedule(temporal, id);
    await db.subsidyRound.updateMany({ where: { id, status: 'scheduled' }, data: { status: 'cancelled', closedAt: new Date(), closedReason: 'cancelled' } });
  } else {
    await temporal.workflow.getHandle(row.workflowId!).signal(roundCancelled, { reason });
  }
  return getRound(db, id);
}
