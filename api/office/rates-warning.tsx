/**
 * On the dashboard, weeks ahead: a planned round opens soon for a school year whose subsidy amounts
 * are not published in Koers yet. Without them the plan cannot make the round, so the office must
 * have them added (domain/data/subsidy-rates.json) before the opening.
 */
import { roundTrackLabel } from '../../domain/round-plan';
import { formatMoment } from '../../mail/format';
import { Alert, Paragraph } from '../pages/layout';
import type { PlannedOpening } from '../../services/rounds/round-plan';
import { link } from './page-parts';

export function RatesWarning({ openings }: { openings: PlannedOpening[] }) {
  if (openings.length === 0) return null;
  const years = [...new Set(openings.map((o) => o.schoolYear))].join(' en ');
  return (
    <section aria-labelledby="bedragen-kop" class="koers-section">
      <Alert type="warning">
        <h2 class="utrecht-heading-2" id="bedragen-kop">
          Subsidiebedragen voor {years} ontbreken
        </h2>
        <ul class="utrecht-unordered-list">
          {openings.map((o) => (
            <li class="utrecht-unordered-list__item" key={o.track}>
              De ronde voor {roundTrackLabel[o.track]} opent volgens de jaarplanning op {formatMoment(o.opensAt)} (schooljaar {o.schoolYear}).
            </li>
          ))}
        </ul>
        <Paragraph>
          Zonder de bedragen kan Koers de ronde niet aanmaken. Laat ze vóór de opening vastleggen in het overzicht van subsidiebedragen
          (domain/data/subsidy-rates.json). Zie ook {link('/kantoor/rondes', 'de subsidierondes')}.
        </Paragraph>
      </Alert>
    </section>
  );
}
