import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { createAdmission } from './admission';

/** One turn of the event loop: waiting requests start from its check phase. */
const turn = () => new Promise<void>(resolve => setImmediate(resolve));

function admission(perTurn: number) {
  const handler = createAdmission({
    perTurn,
    isPriority: req => req.path === '/v1/gate',
  });
  const started: string[] = [];
  const send = (path: string) => {
    const req = { method: 'GET', path } as Request;
    const res = new EventEmitter() as unknown as Response;
    handler(req, res, () => started.push(path));
    return { hangUp: () => res.emit('close') };
  };
  return { send, started };
}

describe('createAdmission', () => {
  it('starts a gate check as it arrives, before requests that arrived earlier', async () => {
    const { send, started } = admission(4);
    send('/v1/entities/component/default/a/summary');
    send('/v1/gate');
    expect(started).toEqual(['/v1/gate']);
    await turn();
    expect(started).toEqual([
      '/v1/gate',
      '/v1/entities/component/default/a/summary',
    ]);
  });

  it('starts at most perTurn other requests in one turn, in arrival order', async () => {
    const { send, started } = admission(2);
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      send(`/v1/slos/default/${name}`);
    await turn();
    expect(started).toEqual(['/v1/slos/default/a', '/v1/slos/default/b']);
    // A gate check arriving between two turns goes before the three still waiting.
    send('/v1/gate');
    await turn();
    expect(started.slice(2)).toEqual([
      '/v1/gate',
      '/v1/slos/default/c',
      '/v1/slos/default/d',
    ]);
    await turn();
    expect(started.slice(5)).toEqual(['/v1/slos/default/e']);
  });

  it('does not bound how many run: a request still running holds no place', async () => {
    const { send, started } = admission(1);
    send('/v1/slos/default/a');
    await turn();
    // a has not answered; b starts in the next turn all the same.
    send('/v1/slos/default/b');
    await turn();
    expect(started).toEqual(['/v1/slos/default/a', '/v1/slos/default/b']);
  });

  it('does not start a waiting request whose caller hung up, and gives its place on', async () => {
    const { send, started } = admission(1);
    send('/v1/slos/default/a').hangUp();
    send('/v1/slos/default/b');
    await turn();
    expect(started).toEqual(['/v1/slos/default/b']);
    await turn();
    expect(started).toEqual(['/v1/slos/default/b']);
  });

  it('starts every request as it arrives when perTurn is 0', () => {
    const { send, started } = admission(0);
    for (let i = 0; i < 50; i++) send(`/v1/slos/default/s${i}`);
    expect(started).toHaveLength(50);
  });
});
