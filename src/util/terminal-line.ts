/**
 * One status line redrawn in place on a terminal (`\r`, cut to the width, padded over the last
 * text), at most every `minIntervalMs` unless forced. Both the CLI's progress and download progress
 * draw through it; callers decide whether the stream is a terminal.
 */
export interface TerminalLine {
  /** Redraw the line; skipped when the last draw was under `minIntervalMs` ago, unless `force`. */
  draw(text: string, force?: boolean): void;
  /** End the line (a newline) if anything was drawn since the last end. */
  end(): void;
}

export function terminalLine(stream: NodeJS.WriteStream, minIntervalMs = 100): TerminalLine {
  let drawing = false;
  let lastDraw = 0;
  return {
    draw(text, force = false) {
      const now = Date.now();
      if (!force && drawing && now - lastDraw < minIntervalMs) return;
      lastDraw = now;
      const width = (stream.columns || 100) - 1;
      stream.write(`\r${text.slice(0, width).padEnd(Math.min(99, width))}`);
      drawing = true;
    },
    end() {
      if (drawing) { stream.write('\n'); drawing = false; }
    },
  };
}
