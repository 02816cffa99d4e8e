import { join } from 'node:path';

import { dispatchInFile } from './ceiling-missions.js';
import { measureDispatchDelivery, type DeliveryFigures } from './dispatch-delivery.js';
import {
  callApi,
  carryCrews,
  prepareCrews,
  redispatchCrews,
  statusUpdate,
  type Crew,
} from './field-crews.js';
import { runLoad, type LoadFigures } from './load.js';
import type { BenchSettings } from './bench-settings.js';
import { startBare, startWede, type ServerProcess } from './wede-process.js';

export interface StatusFigures {
  /** Bytes of one status update's answer, which the bare answer repeats. */
  answerBytes: number;
  wede: { at50: LoadFigures; at10: LoadFigures };
  bareStorage: { at50: LoadFigures; at10: LoadFigures };
  bareAnswer: { at50: LoadFigures; at10: LoadFigures };
  delivery: DeliveryFigures;
  peakRssMb: number;
}

/**
 * Field crews carrying missions through `wede serve` on a fresh database, at
 * 50 connections for throughput and 10 for latency, then the dispatch to
 * device latency; then the same updates through the bare storage server on
 * the same file, and a bare answer of the same size.
 */
export async function measureStatusUpdates(
  folder: string,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<StatusFigures> {
  const path = join(folder, 'wede.db');
  const server = await startWede(path);
  let crews: Crew[];
  let wede: StatusFigures['wede'];
  let delivery: DeliveryFigures;
  let answerBytes: number;
  let peakRssMb: number;
  try {
    log(`preparing ${settings.statusMissions} crews through the API`);
    crews = await prepareCrews(server.url, settings.statusMissions + SPARE_CREWS + 1);
    const sampler = crews.pop()!;
    answerBytes = await sampleAnswerBytes(server.url, sampler);

    log('status updates through Wede');
    wede = await carryMissions(server, crews, settings, (subset) =>
      redispatchCrews(server.url, subset),
    );
    log(`dispatch to device, ${settings.dispatches} dispatches`);
    delivery = await measureDispatchDelivery(server.url, sampler, settings.dispatches);
    peakRssMb = server.peakRssMb();
  } finally {
    await server.stop();
  }

  log('status updates through the bare storage server');
  const bareStorage = await withServer(startBare('status', [path]), (bare) =>
    carryMissions(bare, dispatchInFile(path, crews), settings, async (subset) =>
      dispatchInFile(path, subset),
    ),
  );
  log('bare answers of the same size');
  const bareAnswer = await withServer(startBare('answer', [String(answerBytes)]), (bare) =>
    answerRuns(bare, crews[0]!, settings),
  );
  return { answerBytes, wede, bareStorage, bareAnswer, delivery, peakRssMb };
}

/** Spare crews per connection, so no connection runs dry before the load's end. */
const SPARE_CREWS = 2 * 50;

async function carryMissions(
  server: ServerProcess,
  crews: readonly Crew[],
  settings: BenchSettings,
  redispatch: (crews: readonly Crew[]) => Promise<Crew[]>,
) {
  const first = carryCrews(crews);
  const at50 = await runLoad({
    url: server.url,
    connections: 50,
    amount: settings.statusMissions * 4,
    steps: first.steps,
  });
  const again = await redispatch(first.completed.slice(0, settings.latencyMissions + SPARE_CREWS));
  const at10 = await runLoad({
    url: server.url,
    connections: 10,
    amount: settings.latencyMissions * 4,
    steps: carryCrews(again).steps,
  });
  return { at50, at10 };
}

async function answerRuns(server: ServerProcess, crew: Crew, settings: BenchSettings) {
  const request = statusUpdate(crew, 0);
  const plan = {
    url: server.url,
    durationSeconds: settings.durationSeconds,
    steps: [{ build: () => request }],
  };
  return {
    at50: await runLoad({ ...plan, connections: 50 }),
    at10: await runLoad({ ...plan, connections: 10 }),
  };
}

async function sampleAnswerBytes(url: string, crew: Crew): Promise<number> {
  const answer = await callApi(
    url,
    crew.operatorKey,
    'PATCH',
    `/v1/missions/${crew.missionId}/status`,
    {
      status: 'ACK',
    },
  );
  await callApi(url, crew.operatorKey, 'PATCH', `/v1/missions/${crew.missionId}/status`, {
    status: 'COMPLETED',
  });
  return Buffer.byteLength(JSON.stringify(answer));
}

/** Runs `work` against a server started for it, and stops the server whatever happens. */
export async function withServer<T>(
  starting: Promise<ServerProcess>,
  work: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await starting;
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}
