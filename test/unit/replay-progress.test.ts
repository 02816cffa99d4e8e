import { describe, expect, it } from 'vitest';

import { ReplayProgress } from '../../src/cli/replay-progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe('ReplayProgress', () => {
  it('redraws one bar in place on a terminal, and ends its line when done', () => {
    const { stream, written } = fakeStream(true);
    const progress = new ReplayProgress(4, stream);
    for (let mission = 0; mission < 4; mission += 1) progress.tick();
    progress.finish();

    expect(written.every((text) => text.startsWith('\r'))).toBe(true);
    expect(written.at(-1)).toMatch(/^\r\[#{30}\] 100% 4\/4 missions, \d+\.\d missions\/s\n$/);
    expect(written[0]).toMatch(/^\r\[#{8}-{22}\] {2}25% 1\/4 missions/);
  });

  it('prints a plain line at each tenth when stderr is not a terminal', () => {
    const { stream, written } = fakeStream(false);
    const progress = new ReplayProgress(100, stream);
    for (let mission = 0; mission < 100; mission += 1) progress.tick();
    progress.finish();

    expect(written).toHaveLength(10);
    expect(written[0]).toMatch(/^replay: 10\/100 missions, \d+\.\d missions\/s\n$/);
    expect(written.some((text) => text.includes('\r'))).toBe(false);
  });
});
