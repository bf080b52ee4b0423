import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { expect } from 'chai';
import express from 'express';
import { createLogger } from '../logger';
import { requestLog } from './requestLog';

interface Line {
  level: number;
  msg: string;
  reqId: number;
  req: { id: number; method: string; path: string };
  res: { statusCode: number };
  responseTime: number;
  userId?: string;
  err?: { message: string };
}

/** An app with the request log and a few routes; lines are captured as parsed JSON. */
async function withApp(level: string, run: (url: string, lines: Line[]) => Promise<void>): Promise<void> {
  const lines: Line[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) } });
  const app = express();
  app.use(requestLog(logger, { ignore: (url) => url === '/healthz' }));
  app.use((_req, res, next) => {
    if (_req.headers['x-test-user']) res.locals.session = { user: { id: String(_req.headers['x-test-user']) } } as never;
    next();
  });
  app.get('/healthz', (_req, res) => void res.send('ok'));
  app.get(/^\/t\/.*/, (_req, res) => void res.send('page'));
  app.get('/api/fail', (req, res) => {
    req.log?.error({ err: new Error('broken on purpose') }, 'unhandled error');
    res.status(500).json({ error: 'internal' });
  });
  app.get('/api/slow', () => undefined);
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const until = async (check: () => boolean) => {
  for (let k = 0; k < 200 && !check(); k++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('request log', () => {
  it('writes one line per request with method, path without query or code, status, time and user', () =>
    withApp('info', async (url, lines) => {
      await (await fetch(`${url}/t/K7QM-3XDP-9TRA-F?lang=en`, { headers: { 'x-test-user': 'u-17' } })).text();
      await (await fetch(`${url}/healthz`)).text();
      await until(() => lines.length >= 1);
      expect(lines).to.have.length(1);
      const [line] = lines;
      expect(line!.msg).to.equal('request completed');
      expect(line!.req).to.deep.equal({ id: line!.reqId, method: 'GET', path: '/t/[code]' });
      expect(line!.res).to.deep.equal({ statusCode: 200 });
      expect(line!.responseTime).to.be.a('number').and.at.least(0);
      expect(line!.userId).to.equal('u-17');
      expect(JSON.stringify(lines)).to.not.match(/K7QM|lang=en|x-test-user/);
    }));

  it("marks 5xx as 'request errored' and gives req.log the request's id for error lines", () =>
    withApp('info', async (url, lines) => {
      await (await fetch(`${url}/api/fail`)).text();
      await until(() => lines.length >= 2);
      const error = lines.find((l) => l.msg === 'unhandled error')!;
      const done = lines.find((l) => l.msg === 'request errored')!;
      expect(error.err!.message).to.equal('broken on purpose');
      expect(error.reqId).to.equal(done.reqId);
      expect(done.res.statusCode).to.equal(500);
    }));

  it("writes 'request aborted' when the client goes away before the response", () =>
    withApp('info', async (url, lines) => {
      const req = request(`${url}/api/slow`);
      req.on('error', () => undefined);
      req.end();
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.destroy();
      await until(() => lines.length >= 1);
      expect(lines.map((l) => [l.msg, l.req.path])).to.deep.equal([['request aborted', '/api/slow']]);
    }));

  it('writes nothing and keeps req.log usable when info is switched off', () =>
    withApp('error', async (url, lines) => {
      await (await fetch(`${url}/t/ABC`)).text();
      await (await fetch(`${url}/api/fail`)).text();
      await until(() => lines.length >= 1);
      expect(lines.map((l) => l.msg)).to.deep.equal(['unhandled error']);
    }));
});
