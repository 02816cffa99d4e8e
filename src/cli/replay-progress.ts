const BAR_WIDTH = 30;
const REDRAW_EVERY_MS = 200;

/**
 * Missions done against missions planned, with the rate, on stderr: a bar
 * redrawn in place on a terminal, a line at each tenth otherwise (a log file
 * or a CI job would fill up with redraws).
 */
export class ReplayProgress {
  private done = 0;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private lastTenth = 0;
  private readonly startedAt = performance.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** One mission dispatched (or given up). */
  tick(): void {
    this.done += 1;
    if (this.stream.isTTY) {
      const now = performance.now();
      if (now - this.lastDrawn >= REDRAW_EVERY_MS || this.done === this.total) {
        this.lastDrawn = now;
        this.stream.write(`\r${this.bar()}`);
      }
      return;
    }

    const tenth = Math.floor((this.done * 10) / Math.max(1, this.total));
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`replay: ${this.counts()}\n`);
    }
  }

  /** Ends the bar's line, so what follows starts on a line of its own. */
  finish(): void {
    if (this.stream.isTTY && this.done > 0) this.stream.write(`\r${this.bar()}\n`);
  }

  private bar(): string {
    const share = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(share * BAR_WIDTH);
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent} ${this.counts()}`;
  }

  private counts(): string {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? (this.done / seconds).toFixed(1) : '0.0';
    return `${this.done}/${this.total} missions, ${rate} missions/s`;
  }
}
