import { Duck } from '@kk/core';
const d = await Duck.open();
const sql = process.argv[2];
const rows = await d.rows(sql);
for (const r of rows) console.log(JSON.stringify(r));
d.close();
