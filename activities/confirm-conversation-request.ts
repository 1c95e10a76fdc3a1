/**
 * Mails the contact of a school's own request the confirmation, once per request (outbox key
 * `${journeyId}/conversation-request-received/${requestId}`), to the address typed in the request.
 */
import { TrackInterest } from '../domain/conversation-request';
import { renderConversationRequestReceived } from '../mail';
import { sendOnce, type SchoolMailDependencies } from './notify-school';

export interface ConversationRequestConfirmation {
  requestId: string;
  requestedAt: string;
}

export async function confirmConversationRequest(deps: SchoolMailDependencies, { requestId, requestedAt }: ConversationRequestConfirmation): Promise<void> {
  const request = await deps.db.conversationRequest.findUniqueOrThrow({ where: { id: requestId } });
  const purpose = `conversation-request-received/${requestId}`;
  await sendOnce(deps, { key: `${request.journeyId}/${purpose}`, journeyId: request.journeyId, purpose, requestedAt }, async () => ({
    to: request.contactEmail,
    mail: renderConversationRequestReceived({
      contactName: request.contactName,
      schoolName: request.schoolName,
      brin: request.brin,
      trackInterest: TrackInterest.parse(request.trackInterest),
    }),
  }));
}
