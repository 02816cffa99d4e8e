import SQLite from 'better-sqlite3';

import type { Crew } from './field-crews.js';
import { MissionRows } from './mission-rows.js';

/**
 * Gives each crew a new CREATED mission written straight into the file, its
 * team BUSY, as a dispatch would: the work for the bare status-update server,
 * which has no dispatch of its own. Run while no server holds the file.
 */
export function dispatchInFile(path: string, crews: readonly Crew[]): Crew[] {
  const connection = new SQLite(path);
  try {
    const organization = connection
      .prepare('select id from organizations where is_default = 1')
      .get() as { id: string };
    const members = connection.prepare('select id from members where team_id = ? order by id');
    const busy = connection.prepare("update teams set status = 'BUSY' where id = ?");
    const rows = new MissionRows(connection, organization.id);

    const now = Date.now();
    let fresh: Crew[] = [];
    rows.transaction(() => {
      fresh = crews.map((crew, index) => {
        const memberIds = (members.all(crew.teamId) as { id: string }[]).map((row) => row.id);
        const team = { id: crew.teamId, memberIds };
        const [missionId] = rows.addEvent([{ team, status: 'CREATED', dispatchedMs: now }], index);
        busy.run(crew.teamId);
        return { ...crew, missionId: missionId! };
      });
    })();
    return fresh;
  } finally {
    connection.close();
  }
}
