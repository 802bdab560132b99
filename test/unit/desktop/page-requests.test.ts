// The queue between the shell and the page: held while the page cannot hear (cold start, a window
// being opened, a reload), handed over in order when the page asks, sent as events while it listens.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ShellRequest } from '../../../common/contract.ts';
import { EventBus } from '../../../main/services/events.ts';
import { PageRequests, watchPageGone } from '../../../main/desktop/page-requests.ts';

const file = (name: string): ShellRequest => ({ kind: 'open-file', purpose: 'batch', name, bytes: new TextEncoder().encode(name) });

function setup(): { queue: PageRequests; sent: unknown[] } {
  const bus = new EventBus();
  const sent: unknown[] = [];
  bus.subscribe((event) => sent.push(event));
  return { queue: new PageRequests(bus), sent };
}

describe('PageRequests', () => {
  it('holds requests until the page asks, then hands them over once, in order', () => {
    const { queue, sent } = setup();
    queue.request(file('a.fotabatch'));
    queue.request(file('b.fotabatch'));
    expect(sent).toEqual([]);
    expect(queue.take().map((r) => (r.kind === 'open-file' ? r.name : r.kind))).toEqual(['a.fotabatch', 'b.fotabatch']);
    expect(queue.take()).toEqual([]);
  });

  it('sends requests as shell:request events while the page listens', () => {
    const { queue, sent } = setup();
    queue.take();
    queue.request(file('c.fotabatch'));
    expect(sent).toEqual([{ channel: 'shell:request', payload: file('c.fotabatch') }]);
    expect(queue.held).toEqual([]);
  });

  it('holds again once the page is gone (window closed, reload), until the new page asks', () => {
    const { queue, sent } = setup();
    queue.take();
    queue.pageGone();
    queue.request(file('d.fotabatch'));
    expect(sent).toEqual([]);
    expect(queue.take()).toEqual([file('d.fotabatch')]);
  });

  it('keeps one Settings request, however often it was asked for before the page started', () => {
    const { queue } = setup();
    queue.request({ kind: 'show-settings' });
    queue.request(file('e.fotabatch'));
    queue.request({ kind: 'show-settings' });
    expect(queue.take()).toEqual([{ kind: 'show-settings' }, file('e.fotabatch')]);
  });
});

describe('watchPageGone', () => {
  it('reports a main-frame navigation, a stopped renderer and destroyed contents; not in-page or sub-frame navigations', () => {
    const contents = new EventEmitter();
    let gone = 0;
    watchPageGone(contents, () => void gone++);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(gone).toBe(0);
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    contents.emit('render-process-gone', {}, { reason: 'crashed' });
    contents.emit('destroyed');
    expect(gone).toBe(3);
  });
});
