import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeEngine } from '../support/engine';

// The README's first command, `npm run demo`, on an engine that has never seen the examples' local base images: the
// classic-store engine of scripts/test-engine.sh, with the bases removed first. The demo must make them itself and
// then build every stage, not end in "3 of 3 builds failed".
const CLASSIC = 'unix:///var/run/stageguard-classic.sock';
const root = path.resolve(__dirname, '..', '..');

describeEngine('npm run demo on an engine without the examples\u2019 base images', () => {
  const env = { ...process.env, DOCKER_HOST: CLASSIC };
  it('makes the base images, then lints, builds and measures every example stage', () => {
    for (const image of ['localhost:5000/fullbase:1', 'localhost:5000/busybox:1']) {
      spawnSync('docker', ['image', 'rm', '-f', image], { env, stdio: 'ignore' });
    }
    expect(spawnSync('docker', ['image', 'inspect', 'localhost:5000/fullbase:1'], { env, stdio: 'ignore' }).status).not.toBe(0);
    const r = spawnSync('bash', [path.join(root, 'scripts', 'demo.sh')], { cwd: root, env, encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toContain("the examples' base images");
    expect(r.stderr).toMatch(/made localhost:5000\/busybox:1 and localhost:5000\/fullbase:1|base images present/);
    expect(r.stdout).toContain('stageguard: passed');
    expect(r.stdout).not.toMatch(/builds failed/);
    for (const stage of ['app/Dockerfile (builder)', 'app/Dockerfile (runtime)', 'legacy/Dockerfile (stage-0)']) expect(r.stderr).toContain(`${stage}: `);
    expect(execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', 'localhost:5000/fullbase:1'], { env, encoding: 'utf8' }).trim()).toMatch(/^sha256:/);
  }, 320_000);
});
