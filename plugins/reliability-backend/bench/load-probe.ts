/**
 * CPU per request of each kind of the load run, one request at a time (no queueing):
 * `node --require @backstage/cli/config/nodeTransform.cjs bench/load-probe.ts [sqlite|pg]
 * [--smoke] [--requests N] [--kinds gate,summary]` (`--kinds`: only these kinds, named as
 * in load-kinds.ts). The backend is load-backend.ts (the load run's seeded backend in its
 * own process); each kind's requests are those of the load mix (load-mix.ts), sent one
 * after the other after a warm-up, and the figure is the backend process's CPU time
 * (user + system) over them divided by their number, beside the median latency. Pushes
 * queue evaluations that run 5 s later, mostly outside their own window: their CPU is in
 * the "push" figure only in part. Prints a Markdown table.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { precompiledChild } from '../src/__testUtils__/precompiled/precompile';
import type { ToBackend } from './load-backend';
import { KINDS, KIND_LABELS, type Kind } from './load-kinds';
import { nextMessage } from './load-messages';
import { session } from './load-mix';
import { loadVolumesFor } from './load-volumes';

async function main() {
  const args = process.argv.slice(2);
  const kind = args.includes('pg') ? 'pg' : 'sqlite';
  const smoke = args.includes('--smoke');
  const n = Number(args[args.indexOf('--requests') + 1]) || 200;
  const only = args.includes('--kinds')
    ? (args[args.indexOf('--kinds') + 1] ?? '').split(',')
    : undefined;
  const unknown = only?.filter(k => !(KINDS as readonly string[]).includes(k));
  if (unknown?.length) {
    throw new Error(
      `--kinds: no kind named ${unknown.join(', ')}; kinds: ${KINDS.join(
        ', ',
      )}`,
    );
  }
  const volumes = loadVolumesFor(smoke);
  const child = fork(
    join(__dirname, 'load-backend.ts'),
    [kind, volumes.mode],
    precompiledChild(),
  );
  try {
    const ready = await nextMessage(child, 'ready');
    const requests = session({
      volumes,
      userAuth: ready.userAuth,
      serviceAuth: ready.serviceAuth,
    });
    const cpu = async () => {
      const answer = nextMessage(child, 'cpu');
      child.send({ type: 'cpu' } satisfies ToBackend);
      return (await answer).micros;
    };
    const lines = [
      `| kind | requests | backend CPU per request | median latency |`,
      `| --- | --- | --- | --- |`,
    ];
    for (const k of KINDS as readonly Kind[]) {
      if (only && !only.includes(k)) continue;
      const mine = requests.filter(r => (r as { kind?: Kind }).kind === k);
      if (mine.length === 0) continue;
      const context: Record<string, unknown> = {};
      const once = async (i: number) => {
        const r = mine[i % mine.length] as any;
        // The entity page's later reads take the service its first one picked.
        context.entity = `svc-${(i * 7919) % volumes.org.entities}`;
        const req = r.setupRequest ? r.setupRequest({ ...r }, context) : r;
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${ready.port}${req.path}`, {
          method: req.method,
          headers: req.headers,
          body: req.body,
        });
        await res.text();
        if (!res.ok) throw new Error(`${req.path}: HTTP ${res.status}`);
        return performance.now() - t;
      };
      for (let i = 0; i < 20; i++) await once(i);
      const before = await cpu();
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(await once(i));
      const used = (await cpu()) - before;
      times.sort((a, b) => a - b);
      lines.push(
        `| ${KIND_LABELS[k]} | ${n} | ${(used / 1000 / n).toFixed(
          2,
        )} ms | ${times[Math.floor(n / 2)].toFixed(2)} ms |`,
      );
      process.stderr.write(`${lines[lines.length - 1]}\n`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    const done = nextMessage(child, 'done');
    child.send({ type: 'stop' } satisfies ToBackend);
    await done;
  } finally {
    if (child.connected) child.disconnect();
  }
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
