import { describe, expect, it } from 'vitest';
import { formatDuration, type ProgressStream, startProgress } from './progress.ts';

function fakeStream(isTTY: boolean): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 120,
    write: (chunk: string) => {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(''),
  };
}

function fakeClock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

describe('progress off a terminal (plain lines)', () => {
  it('writes at most one line per interval, with count, share, rate and time left', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const p = startProgress({ label: 'Importing', unit: 'lines', total: 1000, stream, now: clock.now });
    clock.advance(1000);
    p.update(100);
    expect(stream.text()).toBe(''); // not yet: the first line comes after the interval
    clock.advance(4000);
    p.update(250);
    clock.advance(1000);
    p.update(300); // within the interval of the previous line
    expect(stream.text()).toBe('Importing: 250 lines (25.0 %), 50 lines/s, 5s elapsed, about 15s left\n');
    clock.advance(5000);
    p.update(400, 800); // position in other units than the count (bytes of the file)
    expect(stream.text().split('\n')[1]).toBe(
      'Importing: 400 lines (80.0 %), 36 lines/s, 11s elapsed, about 3s left',
    );
    p.stop();
  });

  it('without a total shows the count and the rate only', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const p = startProgress({
      label: 'Reading',
      unit: 'lines',
      stream,
      now: clock.now,
      intervalMs: 2000,
    });
    clock.advance(2000);
    p.update(12_345);
    expect(stream.text()).toBe('Reading: 12,345 lines, 6,173 lines/s, 2s elapsed\n');
  });

  it('notes a stage with the time since the start', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const p = startProgress({ label: 'Training', unit: 'steps', stream, now: clock.now });
    clock.advance(75_000);
    p.note('reason: 2500 reports, 62 classes');
    expect(stream.text()).toBe('Training [1m 15s]: reason: 2500 reports, 62 classes\n');
  });
});

describe('progress on a terminal', () => {
  it('draws a bar with the count, the rate and the time left', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const p = startProgress({ label: 'Seeding', unit: 'reports', total: 300, stream, now: clock.now });
    clock.advance(10_000);
    p.update(150);
    p.stop();
    const text = stream.text();
    expect(text).toContain('Seeding [');
    expect(text).toContain('50.0 % | 150 reports | 15 reports/s | 10s left');
  });
});

describe('--quiet', () => {
  it('writes nothing in either mode', () => {
    for (const isTTY of [true, false]) {
      const stream = fakeStream(isTTY);
      const clock = fakeClock();
      const p = startProgress({ label: 'x', unit: 'y', total: 10, quiet: true, stream, now: clock.now });
      clock.advance(60_000);
      p.update(5);
      p.note('stage');
      p.stop();
      expect(stream.text()).toBe('');
    }
  });
});

describe('formatDuration', () => {
  it('reads as people write durations', () => {
    expect(formatDuration(4.4)).toBe('4s');
    expect(formatDuration(75)).toBe('1m 15s');
    expect(formatDuration(3725)).toBe('1h 02m');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
