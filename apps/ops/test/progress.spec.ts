import { progressLine, progressOnStderr } from '../src/progress';

describe('the progress line', () => {
  it('shows the share and an ETA from the pace so far', () => {
    expect(progressLine('reading topics', 250, 1000, 2_000)).toBe('reading topics: 250 / 1000 messages (25%), ETA 6s');
    expect(progressLine('reading topics', 0, 1000, 2_000)).toBe('reading topics: 0 / 1000 messages (0%)');
    expect(progressLine('reading topics', 1000, 1000, 2_000)).toBe('reading topics: 1000 / 1000 messages (100%)');
  });

  it('stays silent during the first second, then redraws in place on a terminal', () => {
    let now = 0;
    const written: string[] = [];
    const progress = progressOnStderr('reading', { isTTY: true, write: (text) => written.push(text) }, 1_000, 250, () => now);
    now = 900;
    progress.update(10, 100);
    expect(written).toEqual([]);
    now = 1_000;
    progress.update(50, 100);
    now = 1_100;
    progress.update(60, 100);
    now = 1_300;
    progress.update(100, 100);
    progress.finish();
    expect(written).toEqual(['\rreading: 50 / 100 messages (50%), ETA 1s\x1b[K', '\rreading: 100 / 100 messages (100%)\x1b[K', '\n']);
  });

  it('writes plain lines, seldom, when stderr is no terminal', () => {
    let now = 1_000;
    const written: string[] = [];
    const progress = progressOnStderr('reading', { isTTY: false, write: (text) => written.push(text) }, 1_000, 250, () => now);
    now = 2_000;
    progress.update(1, 4);
    now = 3_000;
    progress.update(2, 4);
    progress.finish();
    expect(written).toEqual(['reading: 1 / 4 messages (25%), ETA 3s\n']);
  });
});
