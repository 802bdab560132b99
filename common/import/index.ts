// The public API of common/import: one entry (`importDevices`) for the window's Worker and the CLI,
// plus what a caller needs to show or remember a result.
export { importDevices } from './import.ts';
export type { ImportInput, ImportOptions, ImportOutcome, ImportProgress, ImportResult } from './import.ts';
export type { ImportFailure, ImportFailureCode } from './failure.ts';
export type { ColumnInfo, RoleSource } from './columns.ts';
export type { DeviceGroup, ImportedRow, ImportFinding, ImportFindingCode, ImportTotals } from './validate.ts';
export type { DamageKind } from './damage.ts';
export { COLUMN_ROLES, HEADER_SYNONYMS, ROLE_LABELS, headerSignature, normaliseHeader, roleOfHeader, type ColumnRole } from './headers.ts';
export { formatMappingSpec, parseMappingSpec, type ColumnSelector, type ManualMapping } from './mapping.ts';
export * from './limits.ts';
