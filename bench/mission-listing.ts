import type { BenchSettings } from './bench-settings.js';
import { runLoad, type LoadFigures, type PlannedRequest } from './load.js';
import { buildMissionArchive } from './mission-archive.js';
import { withServer } from './status-updates.js';
import { BENCH_ADMIN_KEY, startBare, startWede, type ServerProcess } from './wede-process.js';

export interface ListFigures {
  missions: number;
  seedSeconds: number;
  wede: { at50: LoadFigures; at10: LoadFigures };
  bare: { at50: LoadFigures; at10: LoadFigures };
  peakRssMb: number;
}

/**
 * A dispatcher's filtered list (a team's completed missions, 50 a page) out
 * of a year of missions: Wede, then the bare list server on the same file.
 */
export async function measureMissionListing(
  folder: string,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<ListFigures> {
  log(`seeding ${settings.listMissions.toLocaleString('en')} missions`);
  const archive = await buildMissionArchive(folder, settings.listMissions);
  const next = listRequests(archive.teamIds);

  log('filtered lists through Wede');
  let peakRssMb = NaN;
  const wede = await withServer(startWede(archive.path), async (server) => {
    const runs = await listRuns(server, next, settings);
    peakRssMb = server.peakRssMb();
    return runs;
  });
  log('filtered lists through the bare list server');
  const bare = await withServer(startBare('list', [archive.path]), (server) =>
    listRuns(server, next, settings),
  );
  return { missions: archive.missions, seedSeconds: archive.seedSeconds, wede, bare, peakRssMb };
}

function listRequests(teamIds: readonly string[]): () => PlannedRequest {
  let index = 0;
  return () => ({
    method: 'GET',
    path: `/v1/missions?status=COMPLETED&team_id=${teamIds[index++ % teamIds.length]}&limit=50`,
    headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` },
  });
}

async function listRuns(
  server: ServerProcess,
  next: () => PlannedRequest,
  settings: BenchSettings,
) {
  const plan = {
    url: server.url,
    durationSeconds: settings.durationSeconds,
    steps: [{ build: next }],
  };
  // A short warm-up, so both servers are measured with a warm page cache and JIT.
  await runLoad({ ...plan, connections: 10, durationSeconds: 2 });
  return {
    at50: await runLoad({ ...plan, connections: 50 }),
    at10: await runLoad({ ...plan, connections: 10 }),
  };
}
