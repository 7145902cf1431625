import { request } from 'node:http';
import { startServer } from './server/start';

const server = await startServer({ port: 0, databaseUrl: '/tmp/hard/dbg.sqlite', demo: true, logLevel: 'warn' });
function post(body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = new URL(server.url);
    const req = request(
      {
        host: t.hostname,
        port: t.port,
        path: '/api/v1/sessions',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
for (let i = 0; i < 3; i++) {
  const t0 = Date.now();
  const s = await Promise.race([
    post({ email: 'lin@acme.test', password: 'guess' }),
    new Promise((r) => setTimeout(() => r('TIMEOUT'), 5000)),
  ]);
  console.log(i, s, Date.now() - t0);
}
await server.close();
process.exit(0);
