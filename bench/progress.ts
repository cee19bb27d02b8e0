// A progress bar on stderr: redrawn in place on a terminal, a line per quarter otherwise (CI logs).

export class Progress {
  readonly #started = performance.now();
  readonly #tty = process.stderr.isTTY;
  #done = 0;
  #lastDrawn = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {
    this.#draw();
  }

  tick(count = 1): void {
    this.#done = Math.min(this.total, this.#done + count);
    this.#draw();
  }

  finish(): void {
    this.#done = this.total;
    this.#draw(true);
    if (this.#tty) process.stderr.write('\n');
  }

  #draw(final = false): void {
    const fraction = this.total === 0 ? 1 : this.#done / this.total;
    const step = this.#tty ? Math.floor(fraction * 200) : Math.floor(fraction * 4);
    if (step === this.#lastDrawn && !final) return;
    if (!this.#tty && step === this.#lastDrawn) return;
    this.#lastDrawn = step;
    const width = 28;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const seconds = ((performance.now() - this.#started) / 1000).toFixed(1);
    const line = `  ${this.label.padEnd(12)} ${bar} ${String(Math.round(fraction * 100)).padStart(3)}%  ${this.#done.toLocaleString('en')}/${this.total.toLocaleString('en')}  ${seconds}s`;
    process.stderr.write(this.#tty ? `\r${line}` : `${line}\n`);
  }
}
