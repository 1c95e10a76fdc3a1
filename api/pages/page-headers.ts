import helmet from 'helmet';

/**
 * Security headers for every page, the school's and the office's: a strict CSP, and no Referer,
 * because a school's URL carries its token.
 */
export const pageHeaders = helmet({
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, formAction: ["'self'"], frameAncestors: ["'none'"] } },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false, // set by whatever terminates TLS in front of Koers
});
