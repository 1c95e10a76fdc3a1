/** Following a school's e-mailed link, as a browser without JavaScript would. */
import type { CaughtMail } from '../../devtools/mail-catcher';

/** The personal link in a mail's plain text (the HTML carries the same one). */
export function linkIn(mail: CaughtMail): string {
  const match = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]{43}/.exec(mail.text);
  if (!match) throw new Error(`No link in the mail "${mail.subject}"`);
  return match[0];
}

export function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}

export interface PageResponse {
  status: number;
  html: string;
  location: string | null;
}

export async function getPage(url: string): Promise<PageResponse> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

/** Posts a form as a browser does (urlencoded, field names such as participants[0][name]). */
export async function postForm(url: string, fields: Record<string, string | string[]>): Promise<PageResponse> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const response = await fetch(url, { method: 'POST', body, redirect: 'manual' });
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

/** The form fields of an application, as the school would type them. */
export function applicationFields(application: {
  participants: { name: string; email: string; role: string }[];
  sections: Partial<Record<string, string>>;
  trajectories: { title: string; places: number }[];
  otherSubsidies?: string[];
}): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  application.participants.forEach((p, i) => {
    fields[`participants[${i}][name]`] = p.name;
    fields[`participants[${i}][email]`] = p.email;
    fields[`participants[${i}][role]`] = p.role;
  });
  for (const [key, content] of Object.entries(application.sections)) fields[`sections[${key}]`] = content ?? '';
  application.trajectories.forEach((t, i) => {
    fields[`trajectories[${i}][title]`] = t.title;
    fields[`trajectories[${i}][places]`] = String(t.places);
  });
  if (application.otherSubsidies?.length) fields.otherSubsidies = application.otherSubsidies;
  return fields;
}
