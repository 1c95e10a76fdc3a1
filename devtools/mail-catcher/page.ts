/**
 * The frame every page of the mail catcher shares: its security headers (no scripts; a mail's HTML
 * sandboxed even when opened directly) and its plain Dutch layout.
 */
import type express from 'express';
import { escapeHtml } from '../../mail/layout';

/** The catcher's own pages: no scripts, frames only from itself. */
const pageSecurity = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'";
/** A mail's HTML, even when opened directly: sandboxed (no scripts, no forms, an origin of its own). */
export const mailSecurity = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function sendNotFound(res: express.Response): void {
  res.status(404);
  sendPage(res, 'Niet gevonden', '<p>Deze e-mail of pagina bestaat niet (meer). <a href="/">Naar alle e-mails</a></p>');
}

export function sendPage(res: express.Response, title: string, body: string): void {
  res.set('Content-Security-Policy', pageSecurity).type('html').send(`<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Koers e-mail</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2937; line-height: 1.5; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; padding: 0.5rem 0; color: #4b5563; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #d1d5db; vertical-align: top; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; background: #f3f4f6; padding: 1rem; border-radius: 4px; }
  iframe { width: 100%; height: 36rem; border: 1px solid #d1d5db; resize: vertical; }
  section { margin-bottom: 3rem; }
  a { color: #1d4f91; }
</style>
</head>
<body>
<header><p><strong>Koers</strong> · e-mail op deze computer</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`);
}
