/**
 * Configuration, read once from the environment and checked with zod: a missing or malformed
 * variable stops the process at start with a message that names it.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { TASK_QUEUE_DEFAULT } from './temporal-namespace';

/** Two years: enough for the yearly accountability and a question about it; then names and notes go. */
export const DEFAULT_RETENTION_DAYS = 730;

/** Who Koers's mail is from, unless MAIL_FROM says otherwise. */
export const DEFAULT_MAIL_FROM = 'Ontwikkelkracht <noreply@ontwikkelkracht.example>';

/**
 * Express's `trust proxy`, for rate limits that key on the real client behind a reverse proxy:
 * "false" (default: no proxy), the number of proxies in front (1), or their addresses and subnets
 * (loopback, linklocal, uniquelocal, IPs, CIDRs, comma-separated). "true" would trust any
 * X-Forwarded-For a client sends, so anyone could pick the address a limit counts: refused.
 */
export const TrustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, context): false | number | string[] => {
    if (value === 'false' || value === '' || value === '0') return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const valid = (entry: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(entry) || isIP(entry.replace(/\/\d{1,3}$/, '')) !== 0;
    if (entries.every(valid)) return entries;
    context.addIssue({
      code: 'custom',
      message: 'must be false, the number of proxies in front (e.g. 1), or their addresses (e.g. loopback,10.0.0.0/8); "true" would trust any client',
    });
    return z.NEVER;
  });
export type TrustProxy = z.output<typeof TrustProxy>;

const Config = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgresql:// URL' }),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE_DEFAULT),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the worker hands its mail over; `npm start` points it at the local mail catcher. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).default('smtp://127.0.0.1:2525'),
  /** The API's address as schools reach it: the links in mails point here. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s):// URL' }).default('http://127.0.0.1:3000'),
  /** Days after a journey closes that the personal data in its record is kept (AVG). */
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().min(30).default(DEFAULT_RETENTION_DAYS),
  /** Requests per minute one address may make to the school pages. */
  SCHOOL_PAGE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Conversation requests (/gesprek-aanvragen and its JSON twin) one address may make per hour; refused ones do not count. */
  CONVERSATION_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Reverse proxies in front of the API whose X-Forwarded-For is believed (see TrustProxy). */
  TRUST_PROXY: TrustProxy,
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, 'must be an address, e.g. Ontwikkelkracht <noreply@example.org>')
    .default(DEFAULT_MAIL_FROM),
});
export type Config = z.infer<typeof Config>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = Config.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration in the environment:\n${problems}`);
  }
  return result.data;
}

/** The bare address in MAIL_FROM ("Name <a@b>" or "a@b"). */
export function mailFromAddress(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
}
