// The entry of the contract between the renderer and main: each channel is defined once, by domain,
// in common/contract/ (see its index.ts).
export * from './contract/index.ts';
