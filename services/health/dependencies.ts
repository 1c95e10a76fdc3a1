/**
 * Whether the API can do its work: it reaches Temporal and PostgreSQL. Asked by GET /health (a load
 * balancer, the office); the answer names what is down, never why in the system's own words (error
 * text can name hosts, users and paths): the reason goes to the log.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';

export interface DependencyCheck {
  ok: boolean;
  /** Set when this one is down; the reason is in the log. */
  error?: 'unreachable';
}

export interface DependencyHealth {
  status: 'ok' | 'unavailable';
  temporal: DependencyCheck;
  database: DependencyCheck;
}

async function check(name: string, probe: () => Promise<unknown>, log?: Logger): Promise<DependencyCheck> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    log?.warn({ err: error, dependency: name }, 'health check failed');
    return { ok: false, error: 'unreachable' };
  }
}

/** Asks both at once; Temporal gets two seconds (its client would otherwise wait for its own deadline). */
export async function checkDependencies({ db, temporal, log }: { db: Db; temporal: Client; log?: Logger | undefined }): Promise<DependencyHealth> {
  const [temporalCheck, database] = await Promise.all([
    check('temporal', () => temporal.connection.withDeadline(Date.now() + 2_000, () => temporal.workflowService.getSystemInfo({})), log),
    check('database', () => db.$queryRaw`SELECT 1`, log),
  ]);
  return { status: temporalCheck.ok && database.ok ? 'ok' : 'unavailable', temporal: temporalCheck, database };
}
