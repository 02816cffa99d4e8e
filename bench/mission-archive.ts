import { join } from 'node:path';

import SQLite from 'better-sqlite3';

import { callApi } from './field-crews.js';
import { MissionRows, type SeedMission, type SeedTeam } from './mission-rows.js';
import { BENCH_ADMIN_KEY, startWede } from './wede-process.js';

export interface MissionArchive {
  path: string;
  teamIds: string[];
  missions: number;
  seedSeconds: number;
}

const TEAMS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const ROWS_PER_TRANSACTION = 20_000;

/**
 * A year of a busy organization's finished missions: Wede creates the
 * database (the real migrations and indexes), its organization and 100 teams
 * with a member each; the missions are then written straight into the file,
 * as the server would have left them. Mission history and the audit log are
 * left out: listing reads neither.
 */
export async function buildMissionArchive(folder: string, missions: number) {
  const startedAt = Date.now();
  const path = join(folder, 'archive.db');
  const teams = await createTeams(path);

  const connection = new SQLite(path);
  try {
    connection.pragma('synchronous = OFF');
    const organization = connection
      .prepare('select id from organizations where is_default = 1')
      .get() as { id: string };
    writeMissions(new MissionRows(connection, organization.id), teams, missions);
    connection.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    connection.close();
  }

  const seedSeconds = Math.round((Date.now() - startedAt) / 100) / 10;
  return { path, teamIds: teams.map((team) => team.id), missions, seedSeconds };
}

async function createTeams(path: string): Promise<SeedTeam[]> {
  const server = await startWede(path);
  try {
    const teams: SeedTeam[] = [];
    for (let index = 0; index < TEAMS; index += 1) {
      const team = await callApi<{ id: string }>(server.url, BENCH_ADMIN_KEY, 'POST', '/v1/teams', {
        name: `Station ${index}`,
        verticals: ['fire'],
      });
      const member = await callApi<{ id: string }>(
        server.url,
        BENCH_ADMIN_KEY,
        'POST',
        '/v1/members',
        { name: `Captain ${index}`, role: 'operator', team_id: team.id },
      );
      teams.push({ id: team.id, memberIds: [member.id] });
    }
    return teams;
  } finally {
    await server.stop();
  }
}

// One event in three had a second team sent; one mission in twelve failed.
function writeMissions(rows: MissionRows, teams: readonly SeedTeam[], missions: number) {
  const end = Date.now() - DAY_MS;
  const stepMs = (365 * DAY_MS) / missions;
  let written = 0;
  let event = 0;
  const batch = () => {
    const limit = Math.min(missions, written + ROWS_PER_TRANSACTION);
    while (written < limit) {
      const size = event % 3 === 0 && written + 1 < limit ? 2 : 1;
      const seeds: SeedMission[] = [];
      for (let index = 0; index < size; index += 1) {
        seeds.push({
          team: teams[(event + index * 7) % teams.length]!,
          status: (written + index) % 12 === 0 ? 'FAILED' : 'COMPLETED',
          dispatchedMs: Math.round(end - (missions - written - index) * stepMs),
        });
      }
      rows.addEvent(seeds, event);
      written += size;
      event += 1;
    }
  };
  const transaction = rows.transaction(batch);
  while (written < missions) transaction();
}
