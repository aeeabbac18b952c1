/** Compiles the stages and the kk command to JavaScript (see compile.js); returns the bundles' folder. */
export function compile(root: string): Promise<string>;
