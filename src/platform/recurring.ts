/**
 * A task run again and again in this process, each run `delayMs()` after the
 * previous one ended (so runs never overlap), on a timer that does not keep
 * the process alive. `stop()` cancels the next run and waits for one in progress.
 */
export function recurring(options: {
  run: () => Promise<unknown>;
  delayMs: () => number;
  onError: (error: unknown) => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      running = options
        .run()
        .catch(options.onError)
        .finally(() => {
          running = undefined;
          if (timer) schedule();
        });
    }, options.delayMs());
    timer.unref();
  };
  return {
    start() {
      if (!timer) schedule();
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
