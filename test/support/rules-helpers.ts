import { randomUUID } from 'node:crypto';

import { expect } from 'vitest';

import type { ApiClient, ApiResponse } from './api-client.js';
import { dispatch, makeEvent, makeTeam } from './factories.js';
import type { TestServer } from './test-server.js';

/** A clock the test moves by hand; give `clock.now` to describeOnEachDatabase. */
export interface ManualClock {
  now: () => Date;
  set(at: Date | string): void;
  /** Moves the clock forward by `ms` and returns the new time. */
  advance(ms: number): Date;
}

export function manualClock(start: Date | string): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
      return new Date(current);
    },
  };
}

/** `base` moved by `ms`, as the RFC 3339 text the API uses. */
export function isoPlus(base: Date | string, ms: number): string {
  return new Date(new Date(base).getTime() + ms).toISOString();
}

export const MINUTE = 60_000;

export function setStatus(client: ApiClient, missionId: string, body: Record<string, unknown>) {
  return client.patch(`/v1/missions/${missionId}/status`, body);
}

/** Asserts the error envelope: HTTP status and error code, with the body shown on failure. */
export function expectError(response: ApiResponse, status: number, code: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body?.error?.code, JSON.stringify(response.body)).toBe(code);
}

/** Asserts a success status, with the body shown on failure. */
export function expectStatus(response: ApiResponse, status: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
}

/** An organization of its own, so lists and nearest-team choices see only this test's rows. */
export function freshOrganization(server: TestServer): Promise<ApiClient> {
  return server.createOrganization(`org-${randomUUID().slice(0, 8)}`);
}

/** A team made BUSY by a dispatch to an event of its own. */
export async function busyTeam(api: ApiClient, overrides: Record<string, unknown> = {}) {
  const team = await makeTeam(api, overrides);
  const event = await makeEvent(api);
  const mission = await dispatch(api, { event_id: event.id, team_id: team.id });
  return { team, event, mission };
}

export async function getMission(api: ApiClient, missionId: string) {
  const response = await api.get(`/v1/missions/${missionId}`);
  expectStatus(response, 200);
  return response.body;
}

export async function historyOf(api: ApiClient, missionId: string): Promise<any[]> {
  const response = await api.get(`/v1/missions/${missionId}/history`);
  expectStatus(response, 200);
  return response.body.data;
}

export async function teamStatus(api: ApiClient, teamId: string): Promise<string> {
  const response = await api.get(`/v1/teams/${teamId}`);
  expectStatus(response, 200);
  return response.body.status;
}

export async function eventOf(api: ApiClient, eventId: string) {
  const response = await api.get(`/v1/events/${eventId}`);
  expectStatus(response, 200);
  return response.body;
}

/** Ids of the missions a list answers, in its order. */
export async function listedIds(api: ApiClient, query: string): Promise<string[]> {
  const response = await api.get(`/v1/missions${query}`);
  expectStatus(response, 200);
  return response.body.data.map((mission: { id: string }) => mission.id);
}

/** A point `km` kilometres north of `origin` (one degree of latitude is about 111.2 km). */
export function northOf(origin: { lat: number; lng: number }, km: number) {
  return { lat: origin.lat + km / 111.2, lng: origin.lng };
}
