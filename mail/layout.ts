/**
 * The shared shape of every mail Koers sends: a greeting, a few paragraphs, at most one action
 * line (with a link when there is one), the programme office's signature and a short footer. Both
 * renderings come from the same content: plain text, and simple accessible HTML (lang="nl", real
 * text, no images, styles inline because mail clients drop style sheets).
 *
 * Templates pass plain text; every value is escaped here, once. Pure and free of Node built-ins,
 * so a workflow may render a mail as well as an activity.
 */
import { formatMoment } from './format';

/** One e-mail as it is stored in the outbox and sent. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** The one thing the reader should do, said in one sentence; the link is optional for now. */
export interface MailAction {
  /** E.g. "Dien uw aanvraag in vóór vrijdag 14 mei 2027 om 17:00." */
  line: string;
  /** Text of the link, e.g. "Naar uw aanvraag". */
  label: string;
  /** http(s) only; without it the action line stands alone. */
  url?: string | undefined;
  /** ISO moment the link stops working: said under the link, with a word on keeping it to oneself. */
  validUntil?: string | undefined;
}

export interface MailContent {
  subject: string;
  /** E.g. "Beste schoolleiding van De Regenboog," */
  greeting: string;
  /** What happened, before the action. */
  paragraphs: readonly string[];
  action?: MailAction | undefined;
  /** What follows from it, after the action. */
  after?: readonly string[] | undefined;
  /** Why the reader gets the mail, when not because the school takes part (e.g. a request's confirmation). */
  footer?: string | undefined;
}

const signature = ['Met vriendelijke groet,', 'Programmabureau Ontwikkelkracht'] as const;
const footer = 'U ontvangt deze e-mail omdat uw school meedoet aan Ontwikkelkracht. Deze e-mail is automatisch verstuurd.';

/** Makes text safe to place in HTML content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEntities[character as keyof typeof htmlEntities]);
}
const htmlEntities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as const;

/** A subject is one line: line breaks in data would otherwise end up in a mail header. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function checkedUrl(url: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new Error('A mail link must be an http(s) URL without spaces');
  return url;
}

export function renderMail(content: MailContent): RenderedMail {
  const subject = oneLine(content.subject);
  const after = content.after ?? [];
  const url = content.action?.url === undefined ? undefined : checkedUrl(content.action.url);
  return { subject, text: renderText(content, url, after), html: renderHtml(subject, content, url, after) };
}

/** Under a personal link: how long it works, and that it is the school's own. */
function linkNote(action: MailAction | undefined): string | undefined {
  if (!action?.url || !action.validUntil) return undefined;
  return `Deze link is persoonlijk voor uw school en werkt tot ${formatMoment(action.validUntil)}. Stuur hem niet door. Is hij verlopen, dan kunt u vanaf de pagina een nieuwe aanvragen.`;
}

function renderText(content: MailContent, url: string | undefined, after: readonly string[]): string {
  const blocks: string[] = [content.greeting, ...content.paragraphs];
  if (content.action) blocks.push(url === undefined ? content.action.line : `${content.action.line}\n${content.action.label}: ${url}`);
  const note = linkNote(content.action);
  if (note) blocks.push(note);
  blocks.push(...after, signature.join('\n'), `-- \n${content.footer ?? footer}`);
  return `${blocks.join('\n\n')}\n`;
}

const styles = {
  body: 'margin:0;padding:0;background-color:#f3f4f6;',
  article:
    'max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;color:#1f2937;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;',
  sender: 'margin:0 0 16px;font-size:14px;font-weight:bold;color:#1d4f91;',
  heading: 'margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;',
  paragraph: 'margin:0 0 16px;',
  action: 'margin:24px 0 8px;font-weight:bold;',
  button: 'display:inline-block;padding:12px 20px;background-color:#1d4f91;color:#ffffff;font-weight:bold;text-decoration:underline;border-radius:4px;',
  fallback: 'margin:0 0 24px;font-size:14px;color:#4b5563;word-break:break-all;',
  footer: 'margin:24px 0 0;padding-top:16px;border-top:1px solid #d1d5db;font-size:13px;color:#4b5563;',
} as const;

function renderHtml(subject: string, content: MailContent, url: string | undefined, after: readonly string[]): string {
  const paragraph = (text: string) => `<p style="${styles.paragraph}">${escapeHtml(text)}</p>`;
  const action = content.action
    ? [
        `<p style="${styles.action}">${escapeHtml(content.action.line)}</p>`,
        ...(url === undefined
          ? []
          : [
              `<p style="${styles.paragraph}"><a href="${escapeHtml(url)}" style="${styles.button}">${escapeHtml(content.action.label)}</a></p>`,
              `<p style="${styles.fallback}">Werkt de knop niet? Ga dan naar ${escapeHtml(url)}</p>`,
            ]),
        ...(linkNote(content.action) === undefined ? [] : [`<p style="${styles.fallback}">${escapeHtml(linkNote(content.action)!)}</p>`]),
      ]
    : [];
  return [
    '<!DOCTYPE html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    `<body style="${styles.body}">`,
    `<div role="article" aria-label="${escapeHtml(subject)}" lang="nl" style="${styles.article}">`,
    `<p style="${styles.sender}">Ontwikkelkracht</p>`,
    `<h1 style="${styles.heading}">${escapeHtml(subject)}</h1>`,
    paragraph(content.greeting),
    ...content.paragraphs.map(paragraph),
    ...action,
    ...after.map(paragraph),
    `<p style="${styles.paragraph}">${signature.map(escapeHtml).join('<br>')}</p>`,
    `<p style="${styles.footer}">${escapeHtml(content.footer ?? footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
