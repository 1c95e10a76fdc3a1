/**
 * The activities the worker registers, built from their dependencies. Each is safe to run twice.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../platform/db';
import type { Mailer } from '../platform/mailer';
import type { JourneyStep } from '../domain/journey-step';
import { confirmConversationRequest, type ConversationRequestConfirmation } from './confirm-conversation-request';
import { notifySchool, remindOfApplication, type SchoolNotice } from './notify-school';
import { recordJourneyStep } from './record-journey-step';
import { createStepBatches } from './step-batches';
import { renewLink, resendLink, type LinkRenewal, type LinkResend } from './replace-link';
import { createRoundActivities } from './subsidy-rounds';
import { createRoundPlanActivities } from './round-plan';
import { describeTrajectory, type TrajectoryDescription } from './trajectories';
import { createHubActivities } from './hub-years';
import { createCohortActivities } from './development-cohorts';
import { DEFAULT_RETENTION_DAYS } from '../platform/config';
import { erasePersonalDataOfClosedJourneys, type ErasureRun } from '../services/privacy/erase-personal-data';

export interface ActivityDependencies {
  db: Db;
  mailer: Mailer;
  /** For activities that tell other workflows something (a round opening, a round full). */
  temporal: Client;
  /** Where the links in mails point: the API's public address. */
  publicUrl: string;
  /** The programme office's address, the organizer of calendar invitations. */
  organizerEmail: string;
  /** Days after a journey closes that its personal data is kept (PERSONAL_DATA_RETENTION_DAYS). */
  retentionDays?: number;
}

/**
 * Runs a mail activity while telling Temporal it is alive, so that a worker that dies mid-send is
 * noticed within the heartbeat timeout and the mail is retried on another, not minutes later.
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), 1_000);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}

export function createActivities({ db, mailer, temporal, publicUrl, organizerEmail, retentionDays = DEFAULT_RETENTION_DAYS }: ActivityDependencies) {
  const mail = { db, mailer, publicUrl, organizerEmail };
  const storeStepsInBatches = createStepBatches(db);
  return {
    /** One step, for journeys whose history stored steps one at a time (before the patch steps-stored-together). */
    async recordJourneyStep(step: JourneyStep): Promise<void> {
      await recordJourneyStep(db, step);
    },
    /** The steps of one workflow task, together and in order, in one transaction (with other journeys' steps under load). */
    async recordJourneySteps(steps: JourneyStep[]): Promise<void> {
      await storeStepsInBatches(steps);
    },
    /** A journey's mail to its school, once per journey and purpose, with a link where the school acts. */
    async notifySchool(notice: SchoolNotice): Promise<void> {
      await heartbeating(() => notifySchool(mail, notice));
    },
    /** A new link for a step, from an expired one, to the school's known address. */
    async renewLink(renewal: LinkRenewal): Promise<boolean> {
      return heartbeating(() => renewLink(mail, renewal));
    },
    /** A new link for a step, sent by the office; the step's earlier links stop working. */
    async resendLink(resend: LinkResend): Promise<boolean> {
      return heartbeating(() => resendLink(mail, resend));
    },
    /** The confirmation of a school's own request for the conversation, to the address it gave. */
    async confirmConversationRequest(confirmation: ConversationRequestConfirmation): Promise<void> {
      await heartbeating(() => confirmConversationRequest(mail, confirmation));
    },
    /** The retention rule: erases the personal data of journeys closed longer ago than the retention period. */
    async erasePersonalData({ now, retentionDays: days }: { now: string; retentionDays?: number }): Promise<ErasureRun> {
      return erasePersonalDataOfClosedJourneys(db, { now: new Date(now), retentionDays: days ?? retentionDays });
    },
    /** The trajectory an ontwikkelschool chose, as its journey names it. */
    async describeTrajectory({ trajectoryId }: { trajectoryId: string }): Promise<TrajectoryDescription | null> {
      return describeTrajectory(db, trajectoryId);
    },
    ...createRoundActivities({ db, temporal, sendRoundReminder: (reminder) => remindOfApplication(mail, reminder) }),
    ...createRoundPlanActivities({ db, temporal }),
    ...createHubActivities({ db, temporal }),
    ...createCohortActivities({ db, temporal }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
