import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineStage } from '@kk/core';
import { bundleApp } from './bundle.ts';
import { loadSiteInputs } from './load.ts';
import { buildModel } from './model.ts';
import { writeSite } from './site.ts';

/** Stage 7: the web edition, build/<year>/web/: the map, the filters and a page per initiative and län. */
export default defineStage({
  name: 'web',
  async run(ctx) {
    const inputs = await loadSiteInputs(await ctx.duck(), ctx.edition);
    const model = buildModel(inputs);
    for (const i of model.initiatives) {
      if (i.sida === null)
        ctx.warn({ location: i.id, message: 'no page in the PDF for this initiative (no link)' });
      if (i.lon === null) ctx.warn({ location: i.id, message: 'no place in Sweden: not on the map' });
    }
    const css = readFileSync(join(import.meta.dirname, '..', 'assets', 'site.css'), 'utf8');
    const files = writeSite(model, inputs, ctx.out, await bundleApp(), css);
    ctx.count('initiativ', model.initiatives.length);
    ctx.count('lan', model.lan.length);
    ctx.log(`${files} files for ${model.initiatives.length} initiatives and ${model.lan.length} län`);
  },
});
