// `.fotabatch` files from a command line (first launch, or forwarded by the single-instance lock).
import { describe, expect, it } from 'vitest';
import { batchFilesFromArgv, OpenFileQueue } from '../../../main/desktop/launch-args.ts';

describe('batch files from argv', () => {
  it('finds .fotabatch paths on Windows, resolving relative ones against the launch folder', () => {
    const argv = ['--allow-file-access-from-files', 'C:\\Users\\it\\Desktop\\March rollout.FOTABATCH', 'second.fotabatch', '--original-process-start-time=1'];
    expect(batchFilesFromArgv(argv, 'D:\\work', 'win32')).toEqual(['C:\\Users\\it\\Desktop\\March rollout.FOTABATCH', 'D:\\work\\second.fotabatch']);
  });

  it('skips the app path, switches and other files; removes duplicates', () => {
    const argv = ['.', '--inspect', 'notes.txt', '/home/it/a.fotabatch', '/home/it/a.fotabatch', '-x.fotabatch'];
    expect(batchFilesFromArgv(argv, '/home/it', 'linux')).toEqual(['/home/it/a.fotabatch']);
  });

  it('finds nothing in a plain launch', () => {
    expect(batchFilesFromArgv(['.'], '/', 'darwin')).toEqual([]);
  });
});

describe('OpenFileQueue', () => {
  it('keeps files asked for before the window exists and delivers them in order once attached', () => {
    const queue = new OpenFileQueue();
    queue.push('/a.fotabatch', '/b.fotabatch');
    expect(queue.pending).toEqual(['/a.fotabatch', '/b.fotabatch']);
    const got: string[] = [];
    queue.attach((f) => got.push(f));
    queue.push('/c.fotabatch');
    expect(got).toEqual(['/a.fotabatch', '/b.fotabatch', '/c.fotabatch']);
    expect(queue.pending).toEqual([]);
  });
});
