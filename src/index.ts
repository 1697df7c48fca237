/** The action's entry: runs stageguard. `run()` in main.ts is the one place that fails the step. */
import { run } from './main';

void run();
