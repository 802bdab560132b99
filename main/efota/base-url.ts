// The base-URL rule lives in common/ so the contract's schemas (which run in the renderer too) and
// the client share it; main's importers keep this path.
export { checkBaseUrl, type BaseUrlCheck } from '../../common/efota/base-url.ts';
