// @kk/bench: `npm run bench` — seeded synthetic workloads timed against floors (see README.md).
export { runBench } from './runner.ts';
