import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { WIDGET_SCRIPT } from './widget.script';

/** Just enough of a DOM for the widget to build its box. */
class FakeNode {
  readonly children: FakeNode[] = [];
  textContent = '';
  scrollTop = 0;
  scrollHeight = 0;
  placeholder = '';
  value = '';
  type = '';
  readonly listeners = new Map<string, () => void>();
  setAttribute(): void {}
  appendChild(child: FakeNode): FakeNode {
    this.children.push(child);
    return child;
  }
  addEventListener(event: string, listener: () => void): void {
    this.listeners.set(event, listener);
  }
}

type Handler = (payload: Record<string, unknown>) => void;

function loadWidget(stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const handlers = new Map<string, Handler>();
  const emitted: Array<{ event: string; payload: unknown }> = [];
  let auth: ((cb: (value: Record<string, unknown>) => void) => void) | undefined;
  const socket = {
    on: (event: string, handler: Handler) => handlers.set(event, handler),
    emit: (event: string, payload: unknown) => emitted.push({ event, payload }),
    timeout: () => socket,
  };
  const body = new FakeNode();
  const context = {
    document: {
      currentScript: { src: 'https://sb.test/widget.js', getAttribute: () => 'inbox-1' },
      readyState: 'complete',
      createElement: () => new FakeNode(),
      body,
      head: new FakeNode(),
    },
    localStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
    },
    fetch: () => Promise.resolve({ ok: true, json: () => Promise.resolve({ token: 'visitor-token' }) }),
    io: (_url: string, options: { auth: typeof auth }) => {
      auth = options.auth;
      return socket;
    },
    URL,
    console,
    setTimeout,
    clearTimeout,
  };
  runInNewContext(WIDGET_SCRIPT, { ...context, window: context });
  const log = () => body.children[0].children[1].children;
  const handshake = () =>
    new Promise<Record<string, unknown>>((resolve) => {
      if (!auth) throw new Error('not connected yet');
      auth(resolve);
    });
  const push = (event: string, payload: Record<string, unknown>) => handlers.get(event)?.(payload);
  return { storage, emitted, log, handshake, push, connected: () => auth !== undefined };
}

describe('the widget script', () => {
  it('sends the stored cursor, advances it with every push, and shows a replayed reply once', async () => {
    const widget = loadWidget({ 'switchboard.visitor.inbox-1.seq': '4' });
    await expect.poll(widget.connected).toBe(true);
    expect(await widget.handshake()).toEqual({ token: 'visitor-token', lastSeq: 4 });

    widget.push('reply', { conversationId: 'c1', messageId: 'r1', body: 'hello', seq: 6 });
    widget.push('ready', { seq: 9 });
    widget.push('reply', { conversationId: 'c1', messageId: 'r1', body: 'hello', seq: 6 });
    expect(widget.log()).toHaveLength(1);
    expect(widget.emitted.filter((e) => e.event === 'receipt')).toEqual([
      { event: 'receipt', payload: { messageId: 'r1' } },
    ]);
    // A cursor of its own: `ready.seq` is not adopted, so a reconnection still asks from after the reply.
    expect(widget.storage.get('switchboard.visitor.inbox-1.seq')).toBe('6');
    widget.push('assigned', { conversationId: 'c1', agent: { displayName: 'Alice' }, seq: 7 });
    expect(await widget.handshake()).toEqual({ token: 'visitor-token', lastSeq: 7 });
  });

  it('adopts the log end from `ready` on a first visit', async () => {
    const widget = loadWidget();
    await expect.poll(widget.connected).toBe(true);
    expect(await widget.handshake()).toEqual({ token: 'visitor-token' });
    widget.push('ready', { seq: 12 });
    expect(await widget.handshake()).toEqual({ token: 'visitor-token', lastSeq: 12 });
    expect(widget.storage.get('switchboard.visitor.inbox-1')).toBe('visitor-token');
  });

  it('shows the CSAT survey with 1-5 buttons and sends the chosen score with the comment', async () => {
    const widget = loadWidget();
    await expect.poll(widget.connected).toBe(true);
    widget.push('reply', {
      conversationId: 'c1',
      messageId: 's1',
      body: 'How did we do?',
      kind: 'csat-survey',
      seq: 3,
    });
    const [, rating] = widget.log();
    const buttons = rating.children.slice(0, 5);
    expect(buttons.map((b) => b.textContent)).toEqual(['1', '2', '3', '4', '5']);
    const comment = rating.children[5];
    comment.value = ' Quick and kind ';
    buttons[3].listeners.get('click')?.();
    expect(widget.emitted.filter((e) => e.event === 'csat')).toEqual([
      { event: 'csat', payload: { conversationId: 'c1', score: 4, comment: 'Quick and kind' } },
    ]);
  });
});
