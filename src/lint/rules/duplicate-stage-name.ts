import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'duplicate-stage-name',
  severity: 'error',
  description: 'Stage names (FROM ... AS name) are unique.',
  aliases: ['DL3024', 'DuplicateStageName'],
  help: 'Stage names are case-insensitive and must be unique: `COPY --from` and `--target` could not tell two stages of the same name apart (BuildKit rejects the file).',
  check(model) {
    const out: RuleReport[] = [];
    const seen = new Map<string, number>();
    for (const stage of model.stages) {
      if (stage.name === undefined) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        out.push({ range: stage.from.range, stage: stage.index, message: `stage name ${stage.name} is already used by the stage on line ${first}` });
      } else seen.set(key, stage.from.range.line);
    }
    return out;
  }
};
