import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('readQrCodes', () => {
  it('decodes a page QR code with the WebAssembly of the installed package and makes no network request', function () {
    this.timeout(20000);
    // A fresh process, so the decoder is instantiated after fetch (and http/https) are stubbed to fail.
    const script = `
      import QRCode from 'qrcode';
      import sharp from 'sharp';
      import http from 'node:http';
      import https from 'node:https';
      const attempts = [];
      globalThis.fetch = async (url) => { attempts.push(String(url)); throw new Error('network is not allowed'); };
      for (const m of [http, https]) { m.request = m.get = (url) => { attempts.push(String(url)); throw new Error('network is not allowed'); }; }
      const { readQrCodes } = await import('./api/paper/scan/readQr.ts');
      const text = 'FBQ1;q=family-life-quality@1;lang=de;lp=0;p=2/10;h=0a1b2c3d;f=F7Q2M9XK4T';
      const png = await QRCode.toBuffer(text, { margin: 4, scale: 5, errorCorrectionLevel: 'M' });
      const { data, info } = await sharp(png).rotate(180).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const found = await readQrCodes({ width: info.width, height: info.height, data });
      console.log(JSON.stringify({ texts: found.map((f) => f.text), upsideDown: found[0].topRight[0] < found[0].topLeft[0], attempts }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(out.texts).to.deep.equal(['FBQ1;q=family-life-quality@1;lang=de;lp=0;p=2/10;h=0a1b2c3d;f=F7Q2M9XK4T']);
    expect(out.upsideDown).to.equal(true);
    expect(out.attempts).to.deep.equal([]);
  });
});
