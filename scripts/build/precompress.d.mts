/** Writes <file>.br and <file>.gz beside each text file under `dir`; see precompress.mjs. */
export declare function precompress(dir: string): Promise<{ file: string; raw: number; br: number; gzip: number }[]>;
