/**
 * Places that are never overbooked ("vol = vol"): a fixed number of places, a waiting list in
 * order of asking, and a freed place offered to the first in line, who has until a deadline to
 * accept. Pure functions on plain data, so a workflow can hold the list (its Updates run one at a
 * time, which is what makes "vol = vol" hold however many schools press the button at once) and
 * tests can check every rule without an engine.
 */
import { z } from './zod';

export const PlaceHolder = z.object({
  journeyId: z.string(),
  brin: z.string(),
  schoolName: z.string(),
  /** When the school asked for a place: the order of the waiting list. */
  askedAt: z.iso.datetime({ offset: true }),
});
export type PlaceHolder = z.infer<typeof PlaceHolder>;

export const PlaceOffer = z.object({ holder: PlaceHolder, acceptBefore: z.iso.datetime({ offset: true }) });
export type PlaceOffer = z.infer<typeof PlaceOffer>;

export const PlaceList = z.object({
  places: z.number().int().positive(),
  taken: z.array(PlaceHolder.extend({ since: z.iso.datetime({ offset: true }) })),
  waiting: z.array(PlaceHolder),
  /** A freed place held for the first in line until it accepts or the offer expires. */
  offer: PlaceOffer.nullable(),
});
export type PlaceList = z.infer<typeof PlaceList>;

export type PlaceAnswer =
  | { status: 'enrolled' }
  | { status: 'waiting'; position: number }
  | { status: 'offered'; acceptBefore: string }
  | { status: 'refused'; reason: 'not_listed' | 'offer_expired' | 'closed'; message: string };

export const emptyPlaceList = (places: number): PlaceList => ({ places, taken: [], waiting: [], offer: null });

/** Places not taken and not held for an offer. */
export const freePlaces = (list: PlaceList): number => list.places - list.taken.length - (list.offer ? 1 : 0);

/** Where a school stands in the list, if anywhere. */
export function standing(list: PlaceList, journeyId: string): PlaceAnswer | null {
  if (list.taken.some((h) => h.journeyId === journeyId)) return { status: 'enrolled' };
  if (list.offer?.holder.journeyId === journeyId) return { status: 'offered', acceptBefore: list.offer.acceptBefore };
  const index = list.waiting.findIndex((h) => h.journeyId === journeyId);
  return index >= 0 ? { status: 'waiting', position: index + 1 } : null;
}

/** A school asks for a place: it gets one while any is free, else joins the end of the line. Asking twice changes nothing. */
export function askForPlace(list: PlaceList, holder: PlaceHolder, now: string): { list: PlaceList; answer: PlaceAnswer } {
  const already = standing(list, holder.journeyId);
  if (already) return { list, answer: already };
  // Nobody passes the line: a free place goes to a newcomer only when nobody waits for it.
  if (freePlaces(list) > 0 && list.waiting.length === 0) {
    return { list: { ...list, taken: [...list.taken, { ...holder, since: now }] }, answer: { status: 'enrolled' } };
  }
  const waiting = [...list.waiting, holder];
  return { list: { ...list, waiting }, answer: { status: 'waiting', position: waiting.length } };
}

/**
 * The first in line gets the free place as an offer, if a place is free and nobody holds an offer.
 * Returns the offer made, so the caller can tell that school.
 */
export function offerFreePlace(list: PlaceList, acceptBefore: string): { list: PlaceList; offered: PlaceOffer | null } {
  if (list.offer || freePlaces(list) <= 0 || list.waiting.length === 0) return { list, offered: null };
  const [first, ...rest] = list.waiting;
  const offer = { holder: first!, acceptBefore };
  return { list: { ...list, waiting: rest, offer }, offered: offer };
}

/** The school with the offer takes the place, if it is still in time. */
export function acceptOffer(list: PlaceList, journeyId: string, now: string): { list: PlaceList; answer: PlaceAnswer } {
  const current = standing(list, journeyId);
  if (current?.status === 'enrolled') return { list, answer: current };
  if (list.offer?.holder.journeyId !== journeyId) {
    return { list, answer: { status: 'refused', reason: 'not_listed', message: 'Er staat voor deze school geen plaats klaar om te aanvaarden.' } };
  }
  if (Date.parse(now) >= Date.parse(list.offer.acceptBefore)) {
    return { list, answer: { status: 'refused', reason: 'offer_expired', message: 'De termijn om deze plaats te aanvaarden is verlopen.' } };
  }
  return { list: { ...list, offer: null, taken: [...list.taken, { ...list.offer.holder, since: now }] }, answer: { status: 'enrolled' } };
}

/** An offer not accepted in time lapses; the school leaves the list. Returns the school it lapsed for. */
export function expireOffer(list: PlaceList, now: string): { list: PlaceList; expired: PlaceHolder | null } {
  if (!list.offer || Date.parse(now) < Date.parse(list.offer.acceptBefore)) return { list, expired: null };
  return { list: { ...list, offer: null }, expired: list.offer.holder };
}

/** A school gives up its place, its offer or its place in line. Returns whether it was listed at all. */
export function leave(list: PlaceList, journeyId: string): { list: PlaceList; left: boolean } {
  const next = {
    ...list,
    taken: list.taken.filter((h) => h.journeyId !== journeyId),
    waiting: list.waiting.filter((h) => h.journeyId !== journeyId),
    offer: list.offer?.holder.journeyId === journeyId ? null : list.offer,
  };
  const left = next.taken.length !== list.taken.length || next.waiting.length !== list.waiting.length || next.offer !== list.offer;
  return { list: next, left };
}
