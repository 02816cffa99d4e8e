import { expect } from 'vitest';

import type { ApiClient, ApiResponse } from './api-client.js';

const LISTS = ['missions', 'events', 'teams', 'members'] as const;

export interface OrganizationState {
  missions: unknown[];
  events: unknown[];
  teams: unknown[];
  members: unknown[];
  keys: unknown[];
}

/**
 * Every row an admin of the organization can list, as the API shows it, so a test
 * can compare the whole organization before and after a refused request.
 */
export async function organizationState(admin: ApiClient): Promise<OrganizationState> {
  const state: Partial<OrganizationState> = {};
  for (const list of LISTS) {
    const page = await admin.get(`/v1/${list}?limit=500`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.next_cursor, `more than one page of ${list}`).toBeNull();
    state[list] = page.body.data;
  }
  const keys = await admin.get('/v1/keys');
  expect(keys.status, JSON.stringify(keys.body)).toBe(200);
  state.keys = keys.body.data;
  return state as OrganizationState;
}

/** Runs a request that must be refused and checks the organization is exactly as it was. */
export async function expectNothingChanged(
  admin: ApiClient,
  request: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  const before = await organizationState(admin);
  const response = await request();
  expect(await organizationState(admin)).toEqual(before);
  return response;
}

export interface ExpectedError {
  /** The field the error names, in the message and in details.field. */
  field?: string;
  /** Text the message must contain. */
  message?: string | RegExp;
}

/** The one error envelope, with its status, its code, and a request id header. */
export function expectError(
  response: ApiResponse,
  status: number,
  code: string,
  expected: ExpectedError = {},
): void {
  const shown = JSON.stringify(response.body);
  expect(response.status, shown).toBe(status);
  expect(Object.keys(response.body ?? {}), shown).toEqual(['error']);

  const { error } = response.body;
  expect(
    Object.keys(error).every((key) => ['code', 'message', 'details'].includes(key)),
    shown,
  ).toBe(true);
  expect(error.code, shown).toBe(code);
  expect(typeof error.message, shown).toBe('string');
  expect(error.message.length, shown).toBeGreaterThan(0);
  if (error.details !== undefined) expect(typeof error.details, shown).toBe('object');

  expect(response.headers.get('x-request-id'), 'x-request-id header').toMatch(/\S/);
  if (response.headers.get('content-type') !== null) {
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  }

  if (expected.field !== undefined) {
    expect(error.message, shown).toContain(expected.field);
    expect(error.details?.field, shown).toBe(expected.field);
  }
  if (typeof expected.message === 'string')
    expect(error.message, shown).toContain(expected.message);
  if (expected.message instanceof RegExp) expect(error.message, shown).toMatch(expected.message);
}
