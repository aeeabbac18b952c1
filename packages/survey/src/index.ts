export * from './layout.ts';
export * from './out.ts';
export * from './read.ts';
export * from './write.ts';
export * from './zip.ts';
