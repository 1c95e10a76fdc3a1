/**
 * The activities the worker registers, built from their dependencies. Each is safe to run twice.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../platform/db';
import type { Mailer } from '../platform/mailer';
import type { JourneyStep } from './journey-step';
import { noticeMail, reminderMail, type SchoolNotice } from './notify-school';
import { recordJourneyStep } from './record-journey-step';
import { sendMail, type SendMailRequest } from './send-mail';
import { createRoundActivities } from './subsidy-rounds';

export interface ActivityDependencies {
  db: Db;
  mailer: Mailer;
  /** For activities that tell other workflows something (a round opening, a round full). */
  temporal: Client;
}

export function createActivities({ db, mailer, temporal }: ActivityDependencies) {
  const send = (request: SendMailRequest) => sendMail({ db, mailer }, request);
  return {
    async recordJourneyStep(step: JourneyStep): Promise<void> {
      await recordJourneyStep(db, step);
    },
    /** A journey's mail to its school (a round opened, a round missed), once per journey and purpose. */
    async notifySchool(notice: SchoolNotice): Promise<void> {
      await send(noticeMail(notice));
    },
    ...createRoundActivities({ db, temporal, sendRoundReminder: (reminder) => send(reminderMail(reminder)).then(() => undefined) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
