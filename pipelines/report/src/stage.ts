import { defineStage } from '@kk/core';

/** Placeholder until this stage is built. */
export default defineStage({
  name: 'report',
  async run(ctx) {
    ctx.log('not built yet');
  },
});
