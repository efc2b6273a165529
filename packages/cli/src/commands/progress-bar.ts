/** A one-line progress bar on a stream: redrawn in place on a terminal, a line per 10% otherwise. */
export function progressBar(stream: NodeJS.WriteStream) {
  let lastTenth = -1;
  let lastDraw = 0;
  return {
    update: (fraction: number, label: string) => {
      const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && pct < 100) return;
        lastDraw = now;
        const filled = Math.round(pct / 4);
        stream.write(
          `\r[${'#'.repeat(filled)}${'-'.repeat(25 - filled)}] ${String(pct).padStart(3)}% ${label.padEnd(40)}`,
        );
      } else if (Math.floor(pct / 10) > lastTenth) {
        lastTenth = Math.floor(pct / 10);
        stream.write(`${String(pct).padStart(3)}% ${label}\n`);
      }
    },
    done: () => {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
