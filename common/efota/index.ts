// The public API of common/efota: element rules, request validation, the schedule window and the FUD
// catalogue, one implementation for the renderer, main and the CLI.
export * from './operations.ts';
export * from './finding.ts';
export * from './normalise.ts';
export * from './bytes.ts';
export * from './characters.ts';
export * from './elements.ts';
export * from './languages.ts';
export * from './dates.ts';
export * from './rules.ts';
export * from './serials.ts';
export * from './schedule-window.ts';
export * from './request.ts';
export * from './fud-catalogue.ts';
