import { performance } from 'node:perf_hooks';

import WebSocket from 'ws';

import { callApi, dispatchTeam, type Crew } from './field-crews.js';
import { percentiles } from './percentiles.js';
import { BENCH_ADMIN_KEY } from './wede-process.js';

export interface DeliveryFigures {
  dispatches: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const MESSAGE_DEADLINE_MS = 10_000;

/**
 * Dispatch to device: the crew's operator holds the stream open, as the phone
 * app does, and each dispatch is timed from its request being sent to the
 * mission's `mission.created` message arriving on the socket. The crew then
 * completes the mission, so the team is free for the next one.
 */
export async function measureDispatchDelivery(
  url: string,
  crew: Crew,
  dispatches: number,
): Promise<DeliveryFigures> {
  const socket = await openStream(url, crew.operatorKey);
  const arrivals = new Map<string, (at: number) => void>();
  socket.on('message', (data) => {
    const at = performance.now();
    const message = JSON.parse(data.toString()) as {
      type: string;
      event?: string;
      data?: { event_id?: string };
    };
    if (message.type !== 'change' || message.event !== 'mission.created') return;
    arrivals.get(message.data?.event_id ?? '')?.(at);
  });

  const latencies: number[] = [];
  try {
    for (let index = 0; index < dispatches; index += 1) {
      latencies.push(await timeOneDispatch(url, crew, index, arrivals));
    }
  } finally {
    socket.close();
  }
  return { dispatches, ...percentiles(latencies) };
}

async function timeOneDispatch(
  url: string,
  crew: Crew,
  index: number,
  arrivals: Map<string, (at: number) => void>,
): Promise<number> {
  const event = await callApi<{ id: string }>(url, BENCH_ADMIN_KEY, 'POST', '/v1/events', {
    vertical: 'fire',
    priority: 'high',
    lat: 37.77,
    lng: -122.41,
    title: `Alarm ${index}`,
  });
  const arrived = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no stream message')), MESSAGE_DEADLINE_MS);
    arrivals.set(event.id, (at) => {
      clearTimeout(timer);
      resolve(at);
    });
  });

  const sentAt = performance.now();
  const missionId = await dispatchTeam(url, event.id, crew.teamId);
  const latency = (await arrived) - sentAt;
  arrivals.delete(event.id);

  await callApi(url, crew.operatorKey, 'PATCH', `/v1/missions/${missionId}/status`, {
    status: 'COMPLETED',
  });
  return latency;
}

function openStream(url: string, key: string): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/stream`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', function greeted(data) {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type !== 'hello') return;
      socket.off('message', greeted);
      resolve(socket);
    });
  });
}
