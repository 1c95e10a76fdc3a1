/**
 * The shell of every page a school sees: Dutch, one h1, a skip link, landmarks, the NL Design
 * System (Utrecht) components and theme, and nothing that needs JavaScript.
 */
import type { ComponentChildren } from 'preact';

export interface PageProps {
  title: string;
  children: ComponentChildren;
  /** Adds the small script that improves a form as the school types; the form works without it. */
  enhanced?: boolean;
  /** Navigation in the header (the office's pages have it; a school's do not). */
  nav?: ComponentChildren;
  /** The footer's text; by default the words for a school on its personal link. */
  footer?: string;
  /** Wider content, for the office's tables. */
  wide?: boolean;
}

const schoolFooter =
  'Vragen? Neem contact op met het programmabureau Ontwikkelkracht. Deze pagina hoort bij een persoonlijke link voor uw school: deel de link niet met anderen.';

export function Page({ title, children, enhanced = false, nav, footer = schoolFooter, wide = false }: PageProps) {
  const container = wide ? 'koers-container koers-container--wide' : 'koers-container';
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} – Ontwikkelkracht`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/utrecht-theme.css" />
        <link rel="stylesheet" href="/assets/utrecht-components.css" />
        <link rel="stylesheet" href="/assets/koers.css" />
        {enhanced && <script src="/assets/school.js" defer />}
      </head>
      <body class="utrecht-theme utrecht-page-body koers-body">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          Direct naar de inhoud
        </a>
        <header class="utrecht-page-header koers-header">
          <div class={`utrecht-page-header__content ${container} koers-header-content`}>
            <p class="koers-brand">Ontwikkelkracht</p>
            {nav}
          </div>
        </header>
        <main id="inhoud" class={`${container} koers-main`} tabIndex={-1}>
          {children}
        </main>
        <footer class="utrecht-page-footer koers-footer">
          <div class={`utrecht-page-footer__content ${container}`}>
            <p class="utrecht-paragraph">{footer}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function Heading1({ children }: { children: ComponentChildren }) {
  return <h1 class="utrecht-heading-1">{children}</h1>;
}

export function Heading2({ children, id }: { children: ComponentChildren; id?: string }) {
  return (
    <h2 class="utrecht-heading-2" id={id}>
      {children}
    </h2>
  );
}

export function Paragraph({ children, lead = false }: { children: ComponentChildren; lead?: boolean }) {
  return <p class={lead ? 'utrecht-paragraph utrecht-paragraph--lead' : 'utrecht-paragraph'}>{children}</p>;
}

export function Alert({ type, children, title }: { type: 'info' | 'ok' | 'warning' | 'error'; title?: string; children: ComponentChildren }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          {title && <p class="utrecht-paragraph koers-alert-title">{title}</p>}
          {children}
        </div>
      </div>
    </div>
  );
}

/** Label/value pairs, e.g. the moment and place of a conversation. */
export function DataList({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows">
      {items.map(([key, value]) => (
        <div class="utrecht-data-list__item" key={key}>
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
