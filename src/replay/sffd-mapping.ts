import type { Priority } from '../domain/vocabulary.js';
import type { UnitDispatch } from './sffd-record.js';

/** The event's line of work: medical calls are healthcare, everything else fire. */
export function verticalOfCall(callType: string): 'healthcare' | 'fire' {
  return callType === 'Medical Incident' ? 'healthcare' : 'fire';
}

const LIFE_OR_FIRE = new Set(['Fire', 'Potentially Life-Threatening']);

/** An event's priority, and whether the file's priority was one the mapping knows. */
export interface MappedPriority {
  priority: Priority;
  known: boolean;
}

/**
 * The data README's priority mapping: a second alarm is critical; priority 3
 * (lights and siren) is critical for fires and life threats, high otherwise;
 * priority 2 is medium. Any other code (the legacy `E`, `A`, `B`, `1`, or an
 * empty cell) is taken as medium and reported as unknown.
 */
export function priorityOfCall(
  row: Pick<UnitDispatch, 'finalPriority' | 'callTypeGroup' | 'alarms'>,
): MappedPriority {
  if (row.alarms >= 2) return { priority: 'critical', known: true };
  if (row.finalPriority === '3') {
    return { priority: LIFE_OR_FIRE.has(row.callTypeGroup) ? 'critical' : 'high', known: true };
  }
  if (row.finalPriority === '2') return { priority: 'medium', known: true };
  return { priority: 'medium', known: false };
}

const MEDICAL_UNITS = new Set(['MEDIC', 'PRIVATE', 'RESCUE CAPTAIN']);

/**
 * The verticals a unit serves: ambulances and rescue captains healthcare, an
 * engine with advanced life support both, every other unit fire.
 */
export function verticalsOfUnit(unitType: string, als: boolean): string[] {
  if (MEDICAL_UNITS.has(unitType)) return ['healthcare'];
  if (unitType === 'ENGINE' && als) return ['healthcare', 'fire'];
  return ['fire'];
}
