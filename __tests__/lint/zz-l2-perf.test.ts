import * as fs from 'fs';
import * as path from 'path';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from '../../src/lint/findings';
import { rules } from '../../src/lint/rules';
it('perf', () => {
  const dir = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'dockerfiles');
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => fs.statSync(path.join(dir, f)).isFile());
  const texts = files.map(f => fs.readFileSync(path.join(dir, f)));
  const mine = new Set(['absolute-workdir','cd-instead-of-workdir','no-sudo','base-image-tag','no-latest-tag','apt-pin-versions','apt-lists-cleanup','valid-expose-port','pip-pin-versions','apt-get-yes','apt-no-install-recommends','apk-no-cache','copy-instead-of-add','copy-from-undefined-stage','copy-from-self','duplicate-stage-name','json-cmd','yum-clean','copy-relative-dest-without-workdir','consecutive-run','maintainer-deprecated','multiple-cmd','multiple-entrypoint','pipefail']);
  const res: string[] = [];
  for (let round = 0; round < 3; round++) {
    let tp = 0, tm = 0, to = 0;
    const per: Record<string, number> = {};
    for (let i = 0; i < files.length; i++) {
      let t = process.hrtime.bigint();
      const m = parseDockerfile(files[i], texts[i]);
      tp += Number(process.hrtime.bigint() - t);
      for (const r of rules) {
        t = process.hrtime.bigint();
        runRuleOnModel(r, m, DEFAULT_RULE_CONTEXT);
        const d = Number(process.hrtime.bigint() - t);
        per[r.id] = (per[r.id] ?? 0) + d;
        if (mine.has(r.id)) tm += d; else to += d;
      }
    }
    res.push(`parse ${(tp/1e6).toFixed(0)}ms mine ${(tm/1e6).toFixed(0)}ms others ${(to/1e6).toFixed(0)}ms ` + Object.entries(per).sort((a,b)=>b[1]-a[1]).slice(0,6).map(([k,v])=>`${k}=${(v/1e6).toFixed(1)}`).join(' '));
  }
  fs.writeFileSync('/tmp/l2probe/perf.txt', res.join('\n'));
});
