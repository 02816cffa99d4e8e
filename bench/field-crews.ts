import { randomUUID } from 'node:crypto';

import type { LoadStep, PlannedRequest } from './load.js';
import { BENCH_ADMIN_KEY } from './wede-process.js';

/** A team with one operator and the key on the operator's phone, on one mission. */
export interface Crew {
  teamId: string;
  operatorKey: string;
  missionId: string;
}

const SETUP_CONCURRENCY = 16;
/** The lifecycle an operator carries a mission through; COMPLETED brings a short report. */
const STEPS: readonly { status: string; feedback?: object }[] = [
  { status: 'ACK' },
  { status: 'ON_ROUTE' },
  { status: 'ON_SITE' },
  { status: 'COMPLETED', feedback: { fire_status: 'extinguished', casualties: 0 } },
];

/** A call to the API that must succeed; the bench stops on anything else. */
export async function callApi<T>(
  url: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Creates `count` crews through the API, each dispatched to an event of its own. */
export async function prepareCrews(url: string, count: number): Promise<Crew[]> {
  const crews: Crew[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      crews[index] = await prepareCrew(url, index);
    }
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
  return crews;
}

async function prepareCrew(url: string, index: number): Promise<Crew> {
  const place = { lat: 37.7 + (index % 100) / 1000, lng: -122.4 - (index % 97) / 1000 };
  const team = await callApi<{ id: string }>(url, BENCH_ADMIN_KEY, 'POST', '/v1/teams', {
    name: `Engine ${index} ${randomUUID().slice(0, 8)}`,
    verticals: ['fire'],
    ...place,
  });
  const member = await callApi<{ id: string }>(url, BENCH_ADMIN_KEY, 'POST', '/v1/members', {
    name: `Operator ${index}`,
    role: 'operator',
    team_id: team.id,
  });
  const key = await callApi<{ key: string }>(url, BENCH_ADMIN_KEY, 'POST', '/v1/keys', {
    name: `Phone ${index}`,
    member_id: member.id,
  });
  const missionId = await dispatchTo(url, team.id, index);
  return { teamId: team.id, operatorKey: key.key, missionId };
}

/** Sends each crew, free again after its last mission, to a new event. */
export async function redispatchCrews(url: string, crews: readonly Crew[]): Promise<Crew[]> {
  const fresh: Crew[] = [];
  let next = 0;
  const worker = async () => {
    while (next < crews.length) {
      const index = next++;
      const crew = crews[index]!;
      fresh[index] = { ...crew, missionId: await dispatchTo(url, crew.teamId, index) };
    }
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
  return fresh;
}

/** Dispatches the team to the event as the bench's admin; the new mission's id. */
export async function dispatchTeam(url: string, eventId: string, teamId: string): Promise<string> {
  const body = { event_id: eventId, team_id: teamId };
  const mission = await callApi<{ id: string }>(
    url,
    BENCH_ADMIN_KEY,
    'POST',
    '/v1/teams/dispatch',
    body,
  );
  return mission.id;
}

async function dispatchTo(url: string, teamId: string, index: number): Promise<string> {
  const event = await callApi<{ id: string }>(url, BENCH_ADMIN_KEY, 'POST', '/v1/events', {
    vertical: 'fire',
    priority: 'medium',
    lat: 37.75 + (index % 50) / 1000,
    lng: -122.42,
    title: `Structure fire ${index}`,
  });
  return dispatchTeam(url, event.id, teamId);
}

/** What a crew's operator sends for one step of the lifecycle. */
export function statusUpdate(crew: Crew, step: number): PlannedRequest {
  return {
    method: 'PATCH',
    path: `/v1/missions/${crew.missionId}/status`,
    headers: {
      authorization: `Bearer ${crew.operatorKey}`,
      'content-type': 'application/json',
      // As the SDK sends on every write.
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(STEPS[step]),
  };
}

/** The crews a load carried to COMPLETED, in the order they got there. */
export interface CarriedCrews {
  steps: LoadStep[];
  completed: Crew[];
}

/**
 * Each connection is one operator after another: it takes the next crew and
 * sends its four updates, each once the previous one was answered, so every
 * request is a valid transition whatever the server's speed. Crews beyond
 * those needed keep a connection from running dry at the end of a load.
 */
export function carryCrews(crews: readonly Crew[]): CarriedCrews {
  let next = 0;
  const completed: Crew[] = [];
  const crewOf = (context: Record<string, unknown>) => context.crew as Crew;
  const steps: LoadStep[] = STEPS.map((_, index) => ({
    build: (context) => {
      if (index === 0) {
        if (next >= crews.length) throw new Error('the load ran out of crews');
        context.crew = crews[next++];
      }
      return statusUpdate(crewOf(context), index);
    },
    answered: (status, context) => {
      if (index === STEPS.length - 1 && status === 200) completed.push(crewOf(context));
    },
  }));
  return { steps, completed };
}
