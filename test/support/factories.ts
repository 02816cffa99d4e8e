import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import type { ApiClient } from './api-client.js';

let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}-${randomUUID().slice(0, 8)}`;

/** Lisbon, where the spec's example mission happens. */
export const LISBON = { lat: 38.7169, lng: -9.1395 };

async function created<T = any>(response: Promise<{ status: number; body: any }>): Promise<T> {
  const { status, body } = await response;
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body as T;
}

export function makeTeam(api: ApiClient, overrides: Record<string, unknown> = {}) {
  return created(
    api.post('/v1/teams', {
      name: unique('team'),
      verticals: ['healthcare'],
      ...LISBON,
      ...overrides,
    }),
  );
}

export function makeEvent(api: ApiClient, overrides: Record<string, unknown> = {}) {
  return created(
    api.post('/v1/events', {
      vertical: 'healthcare',
      priority: 'high',
      title: 'Person collapsed',
      notes: 'Patient is conscious, use south entrance',
      ...LISBON,
      ...overrides,
    }),
  );
}

export function makeMember(api: ApiClient, overrides: Record<string, unknown> = {}) {
  return created(
    api.post('/v1/members', { name: unique('member'), role: 'operator', ...overrides }),
  );
}

/** A new key's secret. */
export async function makeKey(api: ApiClient, body: Record<string, unknown>): Promise<string> {
  const key = await created(api.post('/v1/keys', { name: unique('key'), ...body }));
  return key.key as string;
}

/** A client acting as a new member of the given role, bound to a team when one is given. */
export async function actingMember(
  api: ApiClient,
  role: 'admin' | 'supervisor' | 'dispatcher' | 'operator',
  teamId: string | null = null,
) {
  const member = await makeMember(api, { role, team_id: teamId });
  const key = await makeKey(api, { member_id: member.id });
  return { member, client: api.as(key) };
}

/** A client acting with a plain role key, not bound to a member. */
export async function roleClient(api: ApiClient, role: 'admin' | 'supervisor' | 'dispatcher') {
  return api.as(await makeKey(api, { role }));
}

/** A team with one operator who carries its missions. */
export async function fieldTeam(api: ApiClient, overrides: Record<string, unknown> = {}) {
  const team = await makeTeam(api, overrides);
  const { member, client } = await actingMember(api, 'operator', team.id);
  return { team, operator: client, operatorMember: member };
}

export function dispatch(api: ApiClient, body: Record<string, unknown>) {
  return created(api.post('/v1/teams/dispatch', body));
}

/** A mission just dispatched to a new team on a new event, with that team's operator. */
export async function dispatchedMission(api: ApiClient, eventOverrides = {}) {
  const crew = await fieldTeam(api);
  const event = await makeEvent(api, eventOverrides);
  const mission = await dispatch(api, { event_id: event.id, team_id: crew.team.id });
  return { ...crew, event, mission };
}
