/** What a text to a field crew says about a mission; it must make sense on its own. */
export interface MissionTextInput {
  priority: string;
  vertical: string;
  title: string;
  notes: string | null;
  lat: number;
  lng: number;
}

// Texts over 160 characters are split and rejoined by phones; far longer ones get lost.
const MAX_NOTES = 300;

/**
 * The dispatch text: what, how urgent, where (coordinates a phone can open as
 * a map), the notes, and how to answer.
 */
export function missionText(mission: MissionTextInput): string {
  const lat = mission.lat.toFixed(5);
  const lng = mission.lng.toFixed(5);
  const notes =
    mission.notes === null || mission.notes.trim() === ''
      ? ''
      : ` Notes: ${shorten(mission.notes.trim().replace(/\s+/g, ' '), MAX_NOTES)}`;

  return (
    `WEDE ${mission.priority.toUpperCase()} ${mission.vertical}: ${mission.title}. ` +
    `At ${lat},${lng} https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}` +
    `${notes} Reply ACK, ROUTE, SITE, DONE, FAIL why, or BACKUP.`
  );
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
