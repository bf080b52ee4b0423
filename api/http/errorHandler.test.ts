import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { AppError, ERROR_KINDS } from '../errors/appError';
import { errorHandler, notFoundHandler, STATUS_OF_KIND } from './errorHandler';

describe('error handler', () => {
  it('maps every kind to its own HTTP error status', () => {
    for (const kind of ERROR_KINDS) expect(STATUS_OF_KIND[kind], kind).to.be.a('number').within(400, 599);
    expect(Object.keys(STATUS_OF_KIND).sort()).to.deep.equal([...ERROR_KINDS].sort());
    expect(new Set(Object.values(STATUS_OF_KIND)).size).to.equal(ERROR_KINDS.length);
  });

  describe('answers', () => {
    let url: string;
    let close: () => void;
    before(async () => {
      const app = express();
      app.use(express.json());
      app.get('/locked', () => {
        throw new AppError('locked', 'auth.lockedIp', { minutes: 2 }, { retryAfterSeconds: 90 });
      });
      app.get('/report', () => {
        throw new AppError('invalid', 'http.validation', {}, { details: [{ path: 'a.b', message: 'Pflichtfeld fehlt.' }], body: { errorCount: 3 } });
      });
      app.get('/bug', () => {
        throw new Error('boom');
      });
      app.post('/json', (_req, res) => {
        res.json({});
      });
      app.use(notFoundHandler);
      app.use(errorHandler);
      const server = app.listen(0);
      await new Promise((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    after(() => close());

    it('with the status of the kind, the text in the preferred language, Retry-After and no caching', async () => {
      const res = await fetch(`${url}/locked`, { headers: { 'accept-language': 'en' } });
      expect(res.status).to.equal(429);
      expect(res.headers.get('retry-after')).to.equal('90');
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect(await res.json()).to.deep.equal({ error: 'Too many failed sign-in attempts from this address. Please try again in 2 minutes.' });
    });

    it('with the details and the extra fields of the endpoint in the body', async () => {
      const res = await fetch(`${url}/report`);
      expect(res.status).to.equal(400);
      expect(await res.json()).to.deep.equal({ error: 'Die Eingabe ist ungültig.', details: [{ path: 'a.b', message: 'Pflichtfeld fehlt.' }], errorCount: 3 });
    });

    it('with 404 for an unknown path, 400 for bad JSON and 500 without the cause for a bug', async () => {
      expect((await fetch(`${url}/nowhere`)).status).to.equal(404);
      const bad = await fetch(`${url}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
      expect(bad.status).to.equal(400);
      expect(await bad.json()).to.deep.equal({ error: 'Der Inhalt ist kein gültiges JSON.' });
      const bug = await fetch(`${url}/bug`, { headers: { 'accept-language': 'en' } });
      expect(bug.status).to.equal(500);
      expect(await bug.json()).to.deep.equal({ error: 'Internal error. Please try again later.' });
    });
  });
});
