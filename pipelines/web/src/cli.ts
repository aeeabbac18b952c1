import { runStageCli } from '@kk/core';
import stage from './stage.ts';

await runStageCli(stage);
