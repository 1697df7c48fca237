import type { Rule } from '../rule';
import { checkRuns, cmdHasArgs } from '../commandArgs';

export const rule: Rule = {
  id: 'shell-instead-of-ln-sh',
  severity: 'warning',
  description: 'RUN does not relink /bin/sh to change the shell; SHELL does.',
  aliases: ['DL4005'],
  help: 'Linking another shell over /bin/sh (`ln -sf /bin/bash /bin/sh`) changes it for every program in the image. Use `SHELL ["/bin/bash", "-c"]` to change the shell RUN uses.',
  check: model => checkRuns(model, c => cmdHasArgs(c, 'ln', ['/bin/sh']), () => 'do not relink /bin/sh: use SHELL to change the default shell')
};
