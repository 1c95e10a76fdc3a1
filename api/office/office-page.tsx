/** The frame of every office page: navigation, who is signed in, and signing out (a form, with its CSRF token). */
import type { ComponentChildren } from 'preact';
import type { Session } from '../../services/staff/sessions';
import { roleLabel } from '../../services/staff/staff-member';
import { Page } from '../pages/layout';

export type OfficeSection = 'overzicht' | 'scholen' | 'hubs' | 'cohorten' | 'rondes' | 'rapportages' | 'medewerkers' | 'wachtwoord' | 'dossier';

const officeFooter = 'Koers, het dossiersysteem van het programmabureau Ontwikkelkracht. Gegevens van scholen zijn vertrouwelijk.';

export function OfficePage({ title, session, current, children }: { title: string; session: Session; current: OfficeSection; children: ComponentChildren }) {
  const link = (href: string, section: OfficeSection, label: string) => (
    <li>
      <a class="utrecht-link utrecht-link--html-a" href={href} aria-current={current === section ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  const nav = (
    <nav aria-label="Programmabureau">
      <ul class="koers-nav">
        {link('/kantoor', 'overzicht', 'Overzicht')}
        {link('/kantoor/scholen', 'scholen', 'Scholen')}
        {link('/kantoor/hubs', 'hubs', 'Hubs')}
        {link('/kantoor/cohorten', 'cohorten', 'Cohorten')}
        {link('/kantoor/rondes', 'rondes', 'Rondes')}
        {link('/kantoor/rapportages', 'rapportages', 'Rapportages')}
        {session.staff.role === 'admin' && link('/kantoor/medewerkers', 'medewerkers', 'Medewerkers')}
        <li>
          {session.staff.name} ({roleLabel[session.staff.role]})
        </li>
        {link('/kantoor/wachtwoord', 'wachtwoord', 'Wachtwoord wijzigen')}
        <li>
          <form method="post" action="/kantoor/uitloggen">
            <CsrfField session={session} />
            <button type="submit" class="koers-link-button">
              Uitloggen
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
  return (
    <Page title={title} nav={nav} footer={officeFooter} wide>
      {children}
    </Page>
  );
}

export function CsrfField({ session }: { session: Session }) {
  return <input type="hidden" name="_csrf" value={session.csrfToken} />;
}
