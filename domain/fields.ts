/**
 * Field schemas that many actions share (who records it, why, when), so each is written and
 * worded once: the office reads the same Dutch message whichever form it filled in.
 */
import { z } from './zod';

/** The staff member who records an action on a case, a hub or a cohort. */
export const staffName = z.string().trim().min(2, { message: 'Vul in wie dit vastlegt.' }).max(200);

/** A reason a person can act on later: at least a sentence. */
export const reasonText = (what: string) =>
  z
    .string()
    .trim()
    .min(10, { message: `Geef een reden voor ${what} (minstens 10 tekens).` })
    .max(5_000);

/** An instant with its offset, as the workflows and the API exchange it. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** The day something took place. */
export const heldOn = z.iso.date({ message: 'Vul de datum in als JJJJ-MM-DD.' });
