import { describe, expect, it } from 'vitest';
import { parseLaunch } from '../../../main/electron/launch-args';
import { LaunchQueue } from '../../../main/electron/lifecycle';

describe('reading a launch', () => {
  it('opens files given by "Open with" in a new draft, resolved against the launch’s folder', () => {
    expect(
      parseLaunch(
        ['/opt/Kamifax/kamifax', 'Report.PDF', '/tmp/scan.tiff', 'notes.docx'],
        '/home/me',
        false,
      ),
    ).toEqual({
      kind: 'compose',
      origin: 'openWith',
      files: ['/home/me/Report.PDF', '/tmp/scan.tiff', '/home/me/notes.docx'],
      subject: null,
    });
  });

  it('reads `kamifax send` with a subject, from a checkout too', () => {
    expect(
      parseLaunch(
        ['electron', '/src/kamifax', 'send', '--subject', 'Invoice 12', 'a.pdf', 'b.png'],
        '/w',
        true,
      ),
    ).toEqual({
      kind: 'compose',
      origin: 'cli',
      files: ['/w/a.pdf', '/w/b.png'],
      subject: 'Invoice 12',
    });
    expect(parseLaunch(['k', 'send', '--to', '0312345678', 'x.pdf'], '/w', false)).toMatchObject({
      files: ['/w/x.pdf'],
    });
    expect(parseLaunch(['k', 'send', '--subject=Hi', 'x.pdf'], '/w', false)).toMatchObject({
      subject: 'Hi',
      files: ['/w/x.pdf'],
    });
  });

  it('ignores Chromium switches and files it cannot fax; a bare launch just shows the window', () => {
    expect(parseLaunch(['k', '--allow-file-access-from-files', 'movie.mp4'], '/w', false)).toEqual({
      kind: 'show',
      hidden: false,
    });
    expect(parseLaunch(['k', '--hidden'], '/w', false)).toEqual({ kind: 'show', hidden: true });
  });
});

describe('the launch queue', () => {
  it('holds launches until the app is ready, then delivers them in order, then each at once', () => {
    const queue = new LaunchQueue();
    const seen: string[] = [];
    queue.push({ argv: ['first'], cwd: '/' });
    queue.push({ argv: ['second'], cwd: '/' });
    expect(queue.peek()).toHaveLength(2);
    queue.deliverTo((request) => seen.push(request.argv[0]!));
    queue.push({ argv: ['third'], cwd: '/' });
    expect(seen).toEqual(['first', 'second', 'third']);
    expect(queue.peek()).toHaveLength(0);
  });
});
