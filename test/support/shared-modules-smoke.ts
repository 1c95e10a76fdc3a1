/**
 * A workflow module for test/workflows/shared-modules.workflow.test.ts: evaluated per workflow, as
 * the workflows are, it parses with every schema the preloaded domain modules export, so a write
 * to a frozen shared object (which the SDK's freeze would turn into a TypeError) shows here.
 */
import * as application from '../../domain/application';
import * as cohort from '../../domain/cohort';
import * as developmentGroups from '../../domain/development-groups';
import { exclusionRules } from '../../domain/eligibility';
import * as fields from '../../domain/fields';
import * as forms from '../../domain/forms';
import * as hub from '../../domain/hub';
import * as journey from '../../domain/journey';
import * as places from '../../domain/places';
import * as schoolYear from '../../domain/school-year';
import * as tracks from '../../domain/tracks';

export * from '../../workflows';

const INPUTS: unknown[] = [undefined, null, {}, [], [{}], 'x', 1, { brin: '00AA', id: 1 }, '2026-01-01T00:00:00Z'];

interface Schema {
  safeParse(input: unknown): { success: boolean; error?: { issues: { message: string }[] } };
  optional(): Schema;
  array(): Schema;
}

/** Every parse that threw (a failed parse is an answer, not a throw): `schema name: error`. */
export function parseWithEverySchema(): { parses: number; thrown: string[] } {
  const thrown: string[] = [];
  let parses = 0;
  for (const module of [application, cohort, developmentGroups, fields, forms, hub, journey, places, schoolYear, tracks]) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof (value as Partial<Schema> | null)?.safeParse !== 'function') continue;
      const schema = value as Schema;
      for (const input of INPUTS) {
        try {
          for (const s of [schema, schema.optional(), schema.array()]) {
            const result = s.safeParse(input);
            result.error?.issues.forEach((issue) => issue.message);
            parses++;
          }
        } catch (error) {
          thrown.push(`${name}: ${String(error)}`);
        }
      }
    }
  }
  return { parses, thrown };
}

/** Whether the domain's own data, shared by every workflow, is frozen (as the SDK freezes what it shares). */
export function domainDataIsFrozen(): boolean {
  return Object.isFrozen(exclusionRules) && exclusionRules.every((rule) => Object.isFrozen(rule)) && Object.isFrozen(developmentGroups.GROUP_SIZE);
}
