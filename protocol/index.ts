export * from './version.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './model.ts';
export * from './events.ts';
export * from './frames.ts';
export * from './rest.ts';
export * from './reports.ts';
