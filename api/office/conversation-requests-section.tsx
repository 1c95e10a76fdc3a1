/**
 * On the office's case page: the requests the school (or someone on its behalf) sent through
 * /gesprek-aanvragen, with who to call back and what they asked. Typed by whoever sent it, so shown
 * beside the school's record, never in its place.
 */
import { sectorLabel, trackInterestLabel, TrackInterest } from '../../domain/conversation-request';
import { formatMoment } from '../../mail/format';
import { DataList, Heading2 } from '../pages/layout';
import type { CaseConversationRequest } from '../../services/office/case-view';

export function ConversationRequestsSection({ requests }: { requests: CaseConversationRequest[] }) {
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="aanvragen-kop" class="koers-section">
      <Heading2 id="aanvragen-kop">Aanvragen van de school</Heading2>
      {requests.map((request, index) => {
        const interest = TrackInterest.safeParse(request.trackInterest);
        return (
          <div key={request.id}>
            <h3 class="utrecht-heading-3">
              Aanvraag {index + 1} van {formatMoment(request.createdAt.toISOString())}
              {request.outcome === 'joined' ? ' (kwam binnen terwijl het traject al liep)' : ''}
            </h3>
            <DataList
              items={[
                ['Contactpersoon', request.contactName],
                [
                  'E-mail',
                  <a class="utrecht-link utrecht-link--html-a" href={`mailto:${request.contactEmail}`}>
                    {request.contactEmail}
                  </a>,
                ],
                ['Telefoon', request.contactPhone ?? '–'],
                ['Belangstelling', interest.success ? trackInterestLabel[interest.data] : '–'],
                ['Aspirant-traject vorig schooljaar', request.hasAspirantYearBehind ? 'Ja, volgens de aanvraag' : 'Nee'],
                ['Vraag', request.question],
                ['Opgegeven school', `${request.schoolName} (${request.brin}), ${sectorLabel[request.sector]}, ${request.region}`],
              ]}
            />
          </div>
        );
      })}
    </section>
  );
}
