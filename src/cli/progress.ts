import cliProgress from 'cli-progress';

/** Where progress goes: stderr by default, so a command's stdout (JSONL, reports) stays clean data. */
export type ProgressStream = {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
};

export type ProgressOptions = {
  /** What is being done, e.g. "Importing". */
  label: string;
  /** What is counted, e.g. "lines". */
  unit: string;
  /**
   * How far the whole job goes, in the units of `update`'s `position` (records, bytes, seconds).
   * Without it the display shows the count and the rate but no bar and no time left.
   */
  total?: number;
  /** --quiet: nothing is written at all. */
  quiet?: boolean;
  stream?: ProgressStream;
  /** Milliseconds since some fixed point; injected by tests. */
  now?: () => number;
  /** Off a terminal, one plain line at most this often (logs and CI keep a readable trail). */
  intervalMs?: number;
};

export type Progress = {
  /**
   * `count` items are done; `position` says how far through `total` the job is when that is not
   * counted in items (bytes of a file, seconds of a benchmark). Defaults to `count`.
   */
  update(count: number, position?: number): void;
  /** A stage (a training step): one line with the elapsed time, above the bar on a terminal. */
  note(message: string): void;
  /** Ends the display (the bar's last state stays on screen); the command prints its own summary. */
  stop(): void;
};

const silent: Progress = { update: () => {}, note: () => {}, stop: () => {} };

/** 75 → "1m 15s", 3725 → "1h 02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

type Figures = { count: string; rate: string; percent: string; elapsed: string; left: string };

function figures(count: number, position: number, total: number | undefined, seconds: number): Figures {
  const fraction = total ? Math.min(1, position / total) : 0;
  // Time left from the pace so far: steadier than a moving window for jobs whose batches vary.
  const left = total && fraction > 0 ? (seconds * (1 - fraction)) / fraction : Number.NaN;
  return {
    count: numberFormat.format(count),
    rate: seconds > 0 ? numberFormat.format(count / seconds) : '0',
    percent: `${(fraction * 100).toFixed(1)} %`,
    elapsed: formatDuration(seconds),
    left: formatDuration(left),
  };
}

/**
 * A progress display for long command-line jobs: a bar with count, rate and time left on a
 * terminal, a plain line every few seconds elsewhere (pipes, CI, log files), nothing with --quiet.
 */
export function startProgress(options: ProgressOptions): Progress {
  if (options.quiet) return silent;
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const seconds = () => (now() - started) / 1000;
  const { label, unit, total } = options;
  return stream.isTTY
    ? terminalProgress(stream, label, unit, total, seconds)
    : lineProgress(stream, label, unit, total, seconds, now, options.intervalMs ?? 5000);
}

function lineProgress(
  stream: ProgressStream,
  label: string,
  unit: string,
  total: number | undefined,
  seconds: () => number,
  now: () => number,
  intervalMs: number,
): Progress {
  let lastWritten = now();
  return {
    update(count, position = count) {
      if (now() - lastWritten < intervalMs) return;
      lastWritten = now();
      const f = figures(count, position, total, seconds());
      const share = total ? ` (${f.percent})` : '';
      const left = total ? `, about ${f.left} left` : '';
      stream.write(
        `${label}: ${f.count} ${unit}${share}, ${f.rate} ${unit}/s, ${f.elapsed} elapsed${left}\n`,
      );
    },
    note(message) {
      stream.write(`${label} [${formatDuration(seconds())}]: ${message}\n`);
    },
    stop() {},
  };
}

function terminalProgress(
  stream: ProgressStream,
  label: string,
  unit: string,
  total: number | undefined,
  seconds: () => number,
): Progress {
  const format = total
    ? `${label} [{bar}] {share} | {count} ${unit} | {rate} ${unit}/s | {left} left`
    : `${label} {count} ${unit} | {rate} ${unit}/s | {elapsed}`;
  const bar = new cliProgress.SingleBar(
    {
      format,
      // cli-progress writes to any stream with a cursor API; the type asks for a full WriteStream.
      stream: stream as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 30,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const payload = (count: number, position: number) => {
    const f = figures(count, position, total, seconds());
    return { count: f.count, rate: f.rate, share: f.percent, elapsed: f.elapsed, left: f.left };
  };
  return {
    update(count, position = count) {
      const value = total ? Math.min(position, total) : count;
      if (!started) {
        bar.start(total ?? 0, value, payload(count, position));
        started = true;
      } else bar.update(value, payload(count, position));
    },
    note(message) {
      // Over the bar's line (carriage return, erase line); the bar redraws below at its next update.
      const erase = started ? '\r\x1b[2K' : '';
      stream.write(`${erase}${label} [${formatDuration(seconds())}]: ${message}\n`);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
