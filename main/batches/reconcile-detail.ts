// The shape reader of forceUpdateDetail answers lives with the client that reads them
// (main/efota/detail-shape.ts); the reconciliation imports it from here.
export { DETAIL_NOT_UNDERSTOOD as NOT_UNDERSTOOD, classifyName, classifyStatus, isSerialName, readDetail, safeText, type DetailReading, type ListedDevice, type ListedState } from '../efota/detail-shape.ts';
