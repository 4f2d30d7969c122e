/** A one-line progress indicator for long CLI runs: invoices stepped, per day, on stderr. */
export function progressBar(stream: NodeJS.WriteStream) {
  let last = 0;
  const tty = stream.isTTY;
  return {
    update: (done: number, date: string) => {
      if (!tty || done - last < 50) return;
      last = done;
      stream.write(`\r${date}  ${String(done).padStart(8)} invoices stepped`);
    },
    done: () => {
      if (tty && last > 0) stream.write('\n');
    },
  };
}
