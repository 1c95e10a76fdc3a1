/**
 * "Vol = vol": the rules of a trajectory's places, waiting list and offers (domain/places.ts).
 */
import {
  acceptOffer,
  askForPlace,
  emptyPlaceList,
  expireOffer,
  freePlaces,
  leave,
  offerFreePlace,
  PlaceList,
  standing,
  type PlaceHolder,
  type PlaceList as List,
} from '../../domain/places';

const t0 = Date.parse('2026-09-01T08:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
const DAY_MINUTES = 24 * 60;

function school(n: number): PlaceHolder {
  return {
    journeyId: `journey-ontwikkelschool-${String(n).padStart(2, '0')}AB`,
    brin: `${String(n).padStart(2, '0')}AB`,
    schoolName: `School ${n}`,
    askedAt: at(n),
  };
}

/** Schools 1..n ask in turn. */
function asked(places: number, n: number): List {
  let list = emptyPlaceList(places);
  for (let i = 1; i <= n; i++) list = askForPlace(list, school(i), at(i)).list;
  return list;
}

const ids = (holders: PlaceHolder[]) => holders.map((h) => h.journeyId);

describe('asking for a place', () => {
  it('gives a place while one is free, and records since when', () => {
    const { list, answer } = askForPlace(emptyPlaceList(2), school(1), at(1));
    expect(answer).toEqual({ status: 'enrolled' });
    expect(list.taken).toEqual([{ ...school(1), since: at(1) }]);
    expect(freePlaces(list)).toBe(1);
  });

  it('never gives more places than there are: the rest wait in the order they asked', () => {
    const list = asked(6, 10);
    expect(list.taken).toHaveLength(6);
    expect(ids(list.waiting)).toEqual(ids([7, 8, 9, 10].map(school)));
    expect(freePlaces(list)).toBe(0);
    expect(askForPlace(list, school(11), at(11)).answer).toEqual({ status: 'waiting', position: 5 });
  });

  it('changes nothing when a school asks twice, and tells it where it stands', () => {
    const list = asked(1, 2);
    for (const n of [1, 2]) {
      const again = askForPlace(list, school(n), at(20));
      expect(again.list).toBe(list);
      expect(again.answer).toEqual(n === 1 ? { status: 'enrolled' } : { status: 'waiting', position: 1 });
    }
  });

  it('lets nobody pass the line: a free place goes to a newcomer only when nobody waits', () => {
    // Place 1 frees up while school 2 waits: a newcomer joins the line behind it.
    const freed = leave(asked(1, 2), school(1).journeyId).list;
    expect(freePlaces(freed)).toBe(1);
    const newcomer = askForPlace(freed, school(3), at(3));
    expect(newcomer.answer).toEqual({ status: 'waiting', position: 2 });
    expect(newcomer.list.taken).toEqual([]);
  });

  it('does not give the place held for an offer to a newcomer', () => {
    const offered = offerFreePlace(leave(asked(1, 2), school(1).journeyId).list, at(DAY_MINUTES)).list;
    expect(freePlaces(offered)).toBe(0);
    expect(askForPlace(offered, school(3), at(3)).answer).toEqual({ status: 'waiting', position: 1 });
  });
});

describe('offering a freed place', () => {
  const deadline = at(7 * DAY_MINUTES);

  it('offers it to the first in line, who leaves the line; the others move up', () => {
    const freed = leave(asked(2, 5), school(1).journeyId).list;
    const { list, offered } = offerFreePlace(freed, deadline);
    expect(offered).toEqual({ holder: school(3), acceptBefore: deadline });
    expect(list.offer).toEqual(offered);
    expect(standing(list, school(3).journeyId)).toEqual({ status: 'offered', acceptBefore: deadline });
    expect(standing(list, school(4).journeyId)).toEqual({ status: 'waiting', position: 1 });
    expect(standing(list, school(5).journeyId)).toEqual({ status: 'waiting', position: 2 });
  });

  it('offers nothing when no place is free, nobody waits, or an offer is already out', () => {
    const full = asked(2, 3);
    expect(offerFreePlace(full, deadline)).toEqual({ list: full, offered: null });
    const nobodyWaits = leave(asked(2, 2), school(1).journeyId).list;
    expect(offerFreePlace(nobodyWaits, deadline).offered).toBeNull();
    // Two places free, two waiting: one offer at a time.
    const twoFree = leave(leave(asked(2, 4), school(1).journeyId).list, school(2).journeyId).list;
    const first = offerFreePlace(twoFree, deadline).list;
    expect(offerFreePlace(first, deadline)).toEqual({ list: first, offered: null });
  });
});

describe('accepting an offer', () => {
  const deadline = at(7 * DAY_MINUTES);
  const offered = offerFreePlace(leave(asked(1, 3), school(1).journeyId).list, deadline).list;

  it('takes the place while in time', () => {
    const { list, answer } = acceptOffer(offered, school(2).journeyId, at(6 * DAY_MINUTES));
    expect(answer).toEqual({ status: 'enrolled' });
    expect(list.offer).toBeNull();
    expect(list.taken).toEqual([{ ...school(2), since: at(6 * DAY_MINUTES) }]);
    expect(standing(list, school(3).journeyId)).toEqual({ status: 'waiting', position: 1 });
    // Accepting again changes nothing.
    expect(acceptOffer(list, school(2).journeyId, at(6 * DAY_MINUTES + 1))).toEqual({ list, answer: { status: 'enrolled' } });
  });

  it('is refused to a school that holds no offer', () => {
    const { list, answer } = acceptOffer(offered, school(3).journeyId, at(10));
    expect(list).toBe(offered);
    expect(answer).toMatchObject({ status: 'refused', reason: 'not_listed' });
  });

  it('is refused from the deadline on', () => {
    const { list, answer } = acceptOffer(offered, school(2).journeyId, deadline);
    expect(list).toBe(offered);
    expect(answer).toEqual({ status: 'refused', reason: 'offer_expired', message: 'De termijn om deze plaats te aanvaarden is verlopen.' });
  });
});

describe('an offer expiring', () => {
  const deadline = at(7 * DAY_MINUTES);
  const offered = offerFreePlace(leave(asked(1, 3), school(1).journeyId).list, deadline).list;

  it('does nothing before the deadline', () => {
    expect(expireOffer(offered, at(7 * DAY_MINUTES - 1))).toEqual({ list: offered, expired: null });
  });

  it('lapses at the deadline: the school leaves the list, and the place goes to the next in line', () => {
    const { list, expired } = expireOffer(offered, deadline);
    expect(expired).toEqual(school(2));
    expect(standing(list, school(2).journeyId)).toBeNull();
    expect(freePlaces(list)).toBe(1);
    const next = offerFreePlace(list, at(14 * DAY_MINUTES)).offered;
    expect(next?.holder).toEqual(school(3));
  });

  it('does nothing without an offer', () => {
    const list = asked(1, 1);
    expect(expireOffer(list, deadline)).toEqual({ list, expired: null });
  });
});

describe('leaving', () => {
  it('frees a taken place', () => {
    const { list, left } = leave(asked(2, 2), school(1).journeyId);
    expect(left).toBe(true);
    expect(ids(list.taken)).toEqual([school(2).journeyId]);
    expect(freePlaces(list)).toBe(1);
  });

  it('takes a school out of the line; those behind it move up', () => {
    const { list, left } = leave(asked(1, 4), school(2).journeyId);
    expect(left).toBe(true);
    expect(standing(list, school(3).journeyId)).toEqual({ status: 'waiting', position: 1 });
    expect(standing(list, school(4).journeyId)).toEqual({ status: 'waiting', position: 2 });
  });

  it('gives up an offer, so the place can be offered to the next', () => {
    const offered = offerFreePlace(leave(asked(1, 3), school(1).journeyId).list, at(DAY_MINUTES)).list;
    const { list, left } = leave(offered, school(2).journeyId);
    expect(left).toBe(true);
    expect(list.offer).toBeNull();
    expect(offerFreePlace(list, at(2 * DAY_MINUTES)).offered?.holder).toEqual(school(3));
  });

  it('says so when the school was not listed, and changes nothing', () => {
    const list = asked(1, 2);
    expect(leave(list, school(9).journeyId)).toEqual({ list, left: false });
  });
});

describe('the list itself', () => {
  it('is plain data that survives JSON (a workflow holds it; the query returns it)', () => {
    const list = offerFreePlace(leave(asked(2, 4), school(1).journeyId).list, at(DAY_MINUTES)).list;
    expect(PlaceList.parse(JSON.parse(JSON.stringify(list)))).toEqual(list);
  });

  it('holds no school twice', () => {
    let list = asked(2, 4);
    for (const n of [1, 3, 2, 4]) list = askForPlace(list, school(n), at(30)).list;
    const everyone = [...ids(list.taken), ...ids(list.waiting), ...(list.offer ? [list.offer.holder.journeyId] : [])];
    expect(new Set(everyone).size).toBe(everyone.length);
    expect(everyone).toHaveLength(4);
  });
});
