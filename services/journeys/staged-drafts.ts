/**
 * Application drafts go to PostgreSQL before the journey's Update, which carries only the stored
 * draft's id: a school that saves a large draft many times keeps its workflow history small. The
 * journey's view, as the workflow answers it, names the stored draft; what the API shows fills in
 * its content.
 */
import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationDraft } from '../../domain/application';
import type { DraftReference, JourneyView, SaveApplicationDraft } from '../../domain/journey';
import type { Db } from '../../platform/db';
import { getJourney, saveApplicationDraft } from '../../workflows/contracts/journey';
import { updateAcrossHandOver } from './update-across-hand-over';

/** The journey's view with the content of the draft it names (and without the reference itself). */
export async function withStoredDraft(db: Db, view: JourneyView): Promise<JourneyView> {
  if (!view.application) return view;
  const { draftId, ...application } = view.application;
  if (!draftId || application.status !== 'draft') return { ...view, application };
  const stored = await db.stagedDraft.findUnique({ where: { id: draftId } });
  return { ...view, application: stored ? { ...application, ...ApplicationDraft.parse(stored.content) } : application };
}

/** Stores the draft as it stands with this change applied (once per content); answers its reference. */
export async function stageDraft(db: Db, handle: WorkflowHandle, draft: SaveApplicationDraft): Promise<DraftReference> {
  const current = (await withStoredDraft(db, await handle.query(getJourney))).application;
  const content = ApplicationDraft.parse({
    participants: draft.participants ?? current?.participants ?? [],
    sections: draft.sections ?? current?.sections ?? {},
    trajectories: draft.trajectories ?? current?.trajectories ?? [],
    otherSubsidies: draft.otherSubsidies ?? current?.otherSubsidies ?? [],
  });
  const journeyId = handle.workflowId;
  const id = `${journeyId}/${createHash('sha256').update(JSON.stringify(content)).digest('hex')}`;
  await db.stagedDraft.upsert({ where: { id }, create: { id, journeyId, content }, update: {} });
  return { draftId: id };
}

/**
 * Sends an Update to the journey and answers its view with the stored draft's content; a draft is
 * stored first and sent by reference; sent again while the journey hands over to its next run
 * (with the same `updateId`, when given: see updateAcrossHandOver).
 */
export async function executeJourneyUpdate<T>(
  db: Db,
  handle: WorkflowHandle,
  update: UpdateDefinition<JourneyView, [T]>,
  input: T,
  updateId?: string,
): Promise<JourneyView> {
  const sent = update.name === saveApplicationDraft.name ? ((await stageDraft(db, handle, input as SaveApplicationDraft)) as T) : input;
  return withStoredDraft(db, await updateAcrossHandOver(handle, update, sent, updateId));
}
