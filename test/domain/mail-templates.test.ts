/**
 * The mail templates as pure functions: Dutch text and HTML from typed data, moments in
 * Amsterdam time, every interpolated value escaped in the HTML.
 */
import {
  formName,
  mailPreviews,
  renderConversationPlanned,
  renderExpertTeamRequested,
  renderFormReminder,
  renderFormRequested,
  renderLinkRenewed,
  renderApplicationReminder,
  renderPlaceEnrolled,
  renderPlaceOffered,
  renderPlaceOfferExpired,
  renderPlaceReleased,
  renderPlaceWaiting,
  renderRoundMissed,
  renderRoundOpened,
  renderTrajectoryChoiceRequested,
  type RenderedMail,
} from '../../mail';
import { applicationReminderSample } from '../../mail/application-reminder';
import { formatDaysLeft, formatMoment } from '../../mail/format';
import { escapeHtml } from '../../mail/layout';
import { conversationInvitation } from '../../mail/conversation-invitation';
import { conversationPlannedSample } from '../../mail/conversation-planned';
import { conversationRequestReceivedSample, renderConversationRequestReceived } from '../../mail/conversation-request-received';
import { expertTeamRequestedSample } from '../../mail/expert-team-requested';
import { formReminderSample } from '../../mail/form-reminder';
import { formRequestedSample } from '../../mail/form-requested';
import { linkRenewedSample } from '../../mail/link-renewed';
import { placeEnrolledSample } from '../../mail/place-enrolled';
import { placeOfferExpiredSample } from '../../mail/place-offer-expired';
import { placeOfferedSample } from '../../mail/place-offered';
import { placeReleasedSample } from '../../mail/place-released';
import { placeWaitingSample } from '../../mail/place-waiting';
import { roundMissedSample } from '../../mail/round-missed';
import { roundOpenedSample } from '../../mail/round-opened';
import { trajectoryChoiceRequestedSample } from '../../mail/trajectory-choice-requested';

const script = '<script>alert("x")</script>';

describe('formatMoment', () => {
  it('says a moment in Dutch, in Amsterdam time', () => {
    expect(formatMoment('2027-05-14T15:00:00.000Z')).toBe('vrijdag 14 mei 2027 om 17:00');
    expect(formatMoment(new Date('2027-05-14T15:00:00.000Z'))).toBe('vrijdag 14 mei 2027 om 17:00');
  });

  // Summer time starts on Sunday 28 March 2027: 17:00 is 15:00 UTC after it and 16:00 UTC before it.
  it('follows the change to summer time', () => {
    expect(formatMoment('2027-03-29T15:00:00Z')).toBe('maandag 29 maart 2027 om 17:00');
    expect(formatMoment('2027-03-27T16:00:00Z')).toBe('zaterdag 27 maart 2027 om 17:00');
  });

  it('writes midnight as 00:00 on the new day, and refuses what is not a moment', () => {
    expect(formatMoment('2027-05-14T22:00:00Z')).toBe('zaterdag 15 mei 2027 om 00:00');
    expect(() => formatMoment('morgen')).toThrow(RangeError);
  });
});

test('formatDaysLeft counts whole days, in Dutch', () => {
  expect(formatDaysLeft(14)).toBe('nog 14 dagen');
  expect(formatDaysLeft(1)).toBe('nog 1 dag');
  expect(formatDaysLeft(0)).toBe('nog minder dan een dag');
});

test('escapeHtml escapes what HTML gives meaning to', () => {
  expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

function expectWellFormed(mail: RenderedMail): void {
  expect(mail.subject).not.toMatch(/[\r\n]/);
  // A school's mail greets its leadership; the confirmation of a request greets the person who asked.
  expect(mail.text).toMatch(/^Beste (schoolleiding van |Fatima el Amrani,)/);
  expect(mail.text).toContain('Met vriendelijke groet,\nProgrammabureau Ontwikkelkracht');
  expect(mail.html).toContain('<html lang="nl">');
  expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
  expect(mail.html).not.toMatch(/<img|<script/i);
}

describe('every template', () => {
  it.each(mailPreviews.map((preview) => [preview.kind, preview] as const))('%s renders with its sample data', (_kind, preview) => {
    const mail = preview.render();
    expectWellFormed(mail);
    expect(mail.subject.length).toBeGreaterThan(10);
  });

  it.each([
    ['round-opened', () => renderRoundOpened({ ...roundOpenedSample, schoolName: script, roundName: script, schoolYear: script })],
    ['application-reminder', () => renderApplicationReminder({ ...applicationReminderSample, schoolName: script, roundName: script })],
    ['round-missed', () => renderRoundMissed({ ...roundMissedSample, schoolName: script, roundName: script })],
    ['conversation-planned', () => renderConversationPlanned({ ...conversationPlannedSample, schoolName: script, location: script })],
    ['expert-team-requested', () => renderExpertTeamRequested({ ...expertTeamRequestedSample, schoolName: script, schoolYear: script })],
    ['link-renewed', () => renderLinkRenewed({ ...linkRenewedSample, schoolName: script, stepLabel: script })],
    ['trajectory-choice-requested', () => renderTrajectoryChoiceRequested({ ...trajectoryChoiceRequestedSample, schoolName: script, schoolYear: script })],
    ['place-waiting', () => renderPlaceWaiting({ ...placeWaitingSample, schoolName: script, title: script })],
    ['place-enrolled', () => renderPlaceEnrolled({ ...placeEnrolledSample, schoolName: script, title: script, expertschoolName: script })],
    ['place-offered', () => renderPlaceOffered({ ...placeOfferedSample, schoolName: script, title: script, expertschoolName: script })],
    ['place-offer-expired', () => renderPlaceOfferExpired({ ...placeOfferExpiredSample, schoolName: script, title: script })],
    ['place-released', () => renderPlaceReleased({ ...placeReleasedSample, schoolName: script, title: script, reason: script })],
    ['form-requested', () => renderFormRequested({ ...formRequestedSample, schoolName: script, formTitle: script, intro: script })],
    ['form-reminder', () => renderFormReminder({ ...formReminderSample, schoolName: script, formTitle: script })],
    [
      'conversation-request-received',
      () => renderConversationRequestReceived({ ...conversationRequestReceivedSample, schoolName: script, contactName: script, brin: script }),
    ],
  ] as const)('%s escapes interpolated data in its HTML and keeps it as written in its text', (_kind, render) => {
    const mail = render();
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.text).toContain(script);
  });
});

describe('round-opened', () => {
  it('names the round, its school year and its closing moment, with one action line', () => {
    const mail = renderRoundOpened(roundOpenedSample);
    expect(mail.subject).toBe('Aanvraagronde Voorjaar 2027 is geopend');
    expect(mail.text).toContain('De aanvraagronde Voorjaar 2027 voor het schooljaar 2027-2028 is geopend.');
    expect(mail.text).toContain('Dien uw aanvraag in vóór vrijdag 14 mei 2027 om 17:00.\nNaar uw aanvraag: https://koers.ontwikkelkracht.example/s/voorbeeld');
    expect(mail.html).toContain('<a href="https://koers.ontwikkelkracht.example/s/voorbeeld"');
  });

  it('keeps the action line without a link when there is none yet', () => {
    const mail = renderRoundOpened({ ...roundOpenedSample, actionUrl: undefined });
    expect(mail.text).toContain('Dien uw aanvraag in vóór vrijdag 14 mei 2027 om 17:00.');
    expect(mail.text).not.toContain('Naar uw aanvraag');
    expect(mail.html).not.toContain('<a ');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => renderRoundOpened({ ...roundOpenedSample, actionUrl: 'javascript:alert(1)' })).toThrow(/http\(s\)/);
  });
});

describe('application-reminder', () => {
  it('says how many days are left and when the round closes', () => {
    const mail = renderApplicationReminder({ ...applicationReminderSample, daysLeft: 3, closesAt: '2027-03-29T15:00:00Z' });
    expect(mail.subject).toBe('Herinnering: uw aanvraag voor Voorjaar 2027 is nog niet ingediend');
    expect(mail.text).toContain('U heeft nog 3 dagen: de ronde sluit op maandag 29 maart 2027 om 17:00.');
    expect(mail.html).toContain('Dien uw volledige aanvraag in vóór maandag 29 maart 2027 om 17:00.');
  });
});

describe('round-missed', () => {
  it('says the round closed without the application and that the next round will be announced', () => {
    const mail = renderRoundMissed(roundMissedSample);
    expect(mail.subject).toBe('Aanvraagronde Voorjaar 2027 is gesloten');
    expect(mail.text).toContain('gesloten voordat uw aanvraag was ingediend');
    expect(mail.text).toContain('Zodra de volgende aanvraagronde opengaat, krijgt u daarover bericht van ons.');
    expect(mail.html).not.toContain('<a ');
  });
});

describe('conversation-planned', () => {
  it('says what, when (Amsterdam time) and where, and how long the personal link works', () => {
    const mail = renderConversationPlanned(conversationPlannedSample);
    expect(mail.subject).toBe('Uitnodiging: verkennend gesprek op dinsdag 12 januari 2027 om 10:00');
    expect(mail.text).toContain('Wanneer: dinsdag 12 januari 2027 om 10:00 (60 minuten).');
    expect(mail.text).toContain('Waar: Basisschool De Regenboog, Dorpsstraat 1, Utrecht');
    expect(mail.text).toContain('Deze link is persoonlijk voor uw school en werkt tot dinsdag 12 januari 2027 om 10:00.');
  });

  it('says so when it replaces an earlier invitation', () => {
    const mail = renderConversationPlanned({ ...conversationPlannedSample, kind: 'evaluation', isNewMoment: true });
    expect(mail.subject).toBe('Nieuw moment: evaluatiegesprek op dinsdag 12 januari 2027 om 10:00');
    expect(mail.text).toContain('Dit vervangt de eerdere uitnodiging.');
  });
});

describe('the calendar invitation', () => {
  const invitation = {
    uid: 'journey-expertschool-12AB-conversation-0@koers',
    sequence: 0,
    kind: 'exploratory' as const,
    schoolName: 'De Regenboog',
    startsAt: '2027-01-12T09:00:00.000Z',
    durationMinutes: 90,
    location: 'Dorpsstraat 1, Utrecht',
    url: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
    organizerEmail: 'programmabureau@ontwikkelkracht.example',
  };

  it('is a request with a stable UID, the moment in UTC and its duration', () => {
    const ics = conversationInvitation(invitation).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${invitation.uid}`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('DTSTART:20270112T090000Z');
    expect(ics).toContain('DURATION:PT90M');
    expect(ics).toContain('LOCATION:Dorpsstraat 1\\, Utrecht');
    expect(ics).toContain('ORGANIZER;CN="Programmabureau Ontwikkelkracht":MAILTO:programmabureau@ontwikkelkracht.example');
  });

  it('counts up its sequence for a new moment, so a calendar replaces the old one', () => {
    expect(conversationInvitation({ ...invitation, sequence: 1 })).toContain('SEQUENCE:1');
  });
});

describe('expert-team-requested and link-renewed', () => {
  it('ask for the team of the aspirant year, with the school leader in it', () => {
    const mail = renderExpertTeamRequested(expertTeamRequestedSample);
    expect(mail.subject).toBe('Geef uw expertteam door voor het aspirantjaar 2027-2028');
    expect(mail.text).toContain('onder wie de schoolleider');
  });

  it('say a new link was asked for, and what to do if nobody at the school asked', () => {
    const mail = renderLinkRenewed(linkRenewedSample);
    expect(mail.subject).toBe('Uw nieuwe link voor uw subsidieaanvraag');
    expect(mail.text).toContain('Heeft u of een collega deze link niet aangevraagd? Dan kunt u deze e-mail negeren.');
    expect(mail.text).toContain('https://koers.ontwikkelkracht.example/s/voorbeeld');
  });
});

const link = 'https://koers.ontwikkelkracht.example/s/voorbeeld';
const hasLink = (mail: RenderedMail) => mail.text.includes(link) && mail.html.includes(`<a href="${link}"`);
const hasNoLink = (mail: RenderedMail) => !mail.text.includes('https://') && !mail.html.includes('<a ');

describe('trajectory-choice-requested', () => {
  it('asks to choose one trajectory of the school year, with the link and how "vol = vol" works', () => {
    const mail = renderTrajectoryChoiceRequested(trajectoryChoiceRequestedSample);
    expect(mail.subject).toBe('Kies uw leertraject voor het schooljaar 2027-2028');
    expect(mail.text).toContain('Uw aanvraag als ontwikkelschool is toegekend.');
    expect(mail.text).toContain('Kies een leertraject.\nLeertraject kiezen: https://koers.ontwikkelkracht.example/s/voorbeeld');
    expect(mail.text).toContain('komt uw school op de wachtlijst');
    expect(hasLink(mail)).toBe(true);
  });
});

describe('place-waiting and place-enrolled', () => {
  it('says the position on the waiting list, what happens when a place comes free, and carries no link', () => {
    const mail = renderPlaceWaiting(placeWaitingSample);
    expect(mail.subject).toBe('U staat op de wachtlijst voor het leertraject Begrijpend lezen in de onderbouw');
    expect(mail.text).toContain('Uw school staat op de wachtlijst, op plaats 2.');
    expect(mail.text).not.toContain('eerstvolgende');
    expect(mail.text).toContain('U krijgt dan een e-mail met een link om de plaats te aanvaarden');
    expect(hasNoLink(mail)).toBe(true);
    expect(renderPlaceWaiting({ ...placeWaitingSample, position: 1 }).text).toContain('op plaats 1. U bent dus de eerstvolgende.');
  });

  it('confirms the place with the trajectory and its expertschool, announces the measurements, and carries no link', () => {
    const mail = renderPlaceEnrolled(placeEnrolledSample);
    expect(mail.subject).toBe('Uw plaats in het leertraject Begrijpend lezen in de onderbouw is bevestigd');
    expect(mail.text).toContain('Uw school heeft een plaats in het leertraject Begrijpend lezen in de onderbouw van expertschool Het Kompas.');
    expect(mail.text).toContain('een nulmeting aan het begin en een eindmeting aan het eind');
    expect(hasNoLink(mail)).toBe(true);
  });
});

describe('place-offered and place-offer-expired', () => {
  it('offers the freed place with the deadline in Dutch (Amsterdam time), the link, and what happens if it is not accepted', () => {
    const mail = renderPlaceOffered(placeOfferedSample);
    expect(mail.subject).toBe('Er is een plaats vrij voor u in het leertraject Begrijpend lezen in de onderbouw');
    expect(mail.text).toContain('Aanvaard de plaats vóór dinsdag 22 juni 2027 om 17:00.\nPlaats aanvaarden: https://koers.ontwikkelkracht.example/s/voorbeeld');
    expect(mail.text).toContain('Aanvaardt u de plaats niet op tijd, dan gaat hij naar de volgende school op de wachtlijst');
    expect(mail.text).toContain('Deze link is persoonlijk voor uw school en werkt tot dinsdag 22 juni 2027 om 17:00.');
    expect(hasLink(mail)).toBe(true);
  });

  it('says the place went to the next school and gives the link to choose again', () => {
    const mail = renderPlaceOfferExpired(placeOfferExpiredSample);
    expect(mail.subject).toBe('De aangeboden plaats in het leertraject Begrijpend lezen in de onderbouw is vervallen');
    expect(mail.text).toContain('De plaats gaat daarom naar de volgende school op de wachtlijst');
    expect(mail.text).toContain('Kies opnieuw een leertraject.\nLeertraject kiezen: https://koers.ontwikkelkracht.example/s/voorbeeld');
    expect(hasLink(mail)).toBe(true);
  });
});

describe('form-requested and form-reminder', () => {
  it('names the form, how it is answered, its due date in Dutch, and the link', () => {
    const mail = renderFormRequested(formRequestedSample);
    expect(mail.subject).toBe('Wilt u de nulmeting invullen vóór vrijdag 1 oktober 2027 om 09:00?');
    expect(mail.text).toContain('Waar staat uw school aan het begin van het leertraject?');
    expect(mail.text).toContain('De nulmeting bestaat uit 5 stellingen.');
    expect(mail.text).toContain(
      'Vul de nulmeting in vóór vrijdag 1 oktober 2027 om 09:00.\nNulmeting invullen: https://koers.ontwikkelkracht.example/s/voorbeeld',
    );
    expect(hasLink(mail)).toBe(true);
  });

  it('reminds with the days left, the due date and a link', () => {
    const mail = renderFormReminder({ ...formReminderSample, daysLeft: 2 });
    expect(mail.subject).toBe('Herinnering: de nulmeting is nog niet ingevuld');
    expect(mail.text).toContain('U heeft nog 2 dagen: graag vóór vrijdag 1 oktober 2027 om 09:00.');
    expect(mail.text).toContain('Nulmeting invullen: https://koers.ontwikkelkracht.example/s/voorbeeld');
    expect(hasLink(mail)).toBe(true);
  });

  it('names a form by its kind, numbering the interim evaluations', () => {
    expect(formName({ kind: 'eindmeting', scope: '2027-2028' })).toBe('Eindmeting');
    expect(formName({ kind: 'interim_evaluation', scope: '2' })).toBe('Tussenevaluatie 2');
    expect(formName({ kind: 'self_evaluation', scope: 'vo-2027' })).toBe('Zelfevaluatie van de randvoorwaarden');
    expect(renderFormRequested({ ...formRequestedSample, formTitle: 'Tussenevaluatie 2' }).subject).toMatch(/^Wilt u de tussenevaluatie 2 invullen vóór /);
  });
});

describe('conversation-request-received', () => {
  it('says what happens next and within how long, and never repeats the question', () => {
    const mail = renderConversationRequestReceived(conversationRequestReceivedSample);
    expect(mail.subject).toBe('Wij hebben uw aanvraag voor een verkennend gesprek ontvangen');
    expect(mail.text).toContain('De Regenboog (BRIN 12AB). U gaf als belangstelling op: Weet ik nog niet.');
    expect(mail.text).toContain('Het programmabureau neemt binnen 10 werkdagen contact met u op om het gesprek te plannen.');
    expect(mail.text).toContain('omdat via de website van Ontwikkelkracht een gesprek is aangevraagd met dit e-mailadres');
    expect(mail.text).not.toContain('omdat uw school meedoet');
  });
});
