import * as crypto from 'node:crypto';
import { sizeCommand } from '../../src/cli/size';
import { GitRepo } from '../e2e/harness';
import { BASE_IMAGE, describeEngine } from '../support/engine';

jest.setTimeout(180_000);

describeEngine('stageguard size --dockerfile PATH --base-ref REF', () => {
  it('builds the Dockerfile here and at the base revision, and reports a 5 MB file as a 5 MB delta', async () => {
    const repo = new GitRepo('sizeref');
    try {
      repo.write({
        'sizeref/Dockerfile': `FROM ${BASE_IMAGE} AS final\nCOPY payload.bin /data/\nCMD ["ls", "/data"]\n`,
        'sizeref/payload.bin': 'small\n',
        'sizeref/.dockerignore': '.git\n'
      });
      repo.commit('base');
      repo.git(['checkout', '-q', '-b', 'feature']);
      repo.write({ 'sizeref/payload.bin': crypto.randomBytes(5_000_000) });
      repo.commit('bigger payload');
      let out = '';
      let err = '';
      const code = await sizeCommand(['--dockerfile', 'sizeref/Dockerfile', '--base-ref', 'main', '--network', 'none', '--format', 'json'], {
        stdout: s => (out += s),
        stderr: s => (err += s),
        cwd: repo.dir
      });
      expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
      const { images } = JSON.parse(out) as { images: { dockerfile: string; target: string; base: { compressed: number } | null; delta: { compressed: number; uncompressed: number } | null }[] };
      expect(images).toHaveLength(1);
      expect(images[0]).toMatchObject({ dockerfile: 'sizeref/Dockerfile', target: 'final' });
      expect(images[0].base).not.toBeNull();
      expect(Math.abs(images[0].delta!.compressed - 5_000_000) / 5_000_000).toBeLessThan(0.01);
      expect(Math.abs(images[0].delta!.uncompressed - 5_000_000) / 5_000_000).toBeLessThan(0.01);
    } finally {
      repo.remove();
    }
  });
});
