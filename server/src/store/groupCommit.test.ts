import { describe, expect, it } from 'vitest';
import { GroupCommit } from './groupCommit.js';

/** A write that records each batch it is given and answers after the test lets it. */
function recordingWrite() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    if (items.includes(-1)) throw new Error('bad item');
    await new Promise<void>((r) => pending.push(r));
    return items.map((i) => i * 10);
  };
  const releaseAll = async () => {
    while (pending.length > 0 || batches.length === 0) {
      pending.splice(0).forEach((r) => r());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { batches, write, releaseAll };
}

describe('GroupCommit', () => {
  it('sends the first write at once and everything added meanwhile as one batch, in order', async () => {
    const w = recordingWrite();
    const commit = new GroupCommit(w.write);
    const first = commit.add(1);
    await new Promise((r) => setTimeout(r, 0));
    const rest = [2, 3, 4].map((i) => commit.add(i));
    expect(w.batches).toEqual([[1]]);
    const done = Promise.all([first, ...rest]);
    await w.releaseAll();
    expect(await done).toEqual([10, 20, 30, 40]);
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('joins writes added in the same task into the first batch', async () => {
    const w = recordingWrite();
    const commit = new GroupCommit(w.write);
    const all = Promise.all([1, 2, 3].map((i) => commit.add(i)));
    await w.releaseAll();
    expect(await all).toEqual([10, 20, 30]);
    expect(w.batches).toEqual([[1, 2, 3]]);
  });

  it('keeps batches to their largest size', async () => {
    const w = recordingWrite();
    const commit = new GroupCommit(w.write, 2);
    const all = Promise.all([1, 2, 3, 4, 5].map((i) => commit.add(i)));
    await w.releaseAll();
    await all;
    expect(w.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the bad write of a failed batch, the others written one by one', async () => {
    const w = recordingWrite();
    const commit = new GroupCommit(w.write);
    const results = Promise.allSettled([1, -1, 3].map((i) => commit.add(i)));
    await w.releaseAll();
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([10, 'failed', 30]);
    expect(w.batches).toEqual([[1, -1, 3], [1], [-1], [3]]);
  });

  it('is idle once every write has settled', async () => {
    const w = recordingWrite();
    const commit = new GroupCommit(w.write);
    const write = commit.add(1);
    const idle = commit.idle();
    await w.releaseAll();
    await idle;
    expect(await write).toBe(10);
  });
});
