// @process: shared
// The services and token kinds, and their names as a person reads them: derived from the service
// registry (electron/shared/services), kept under this name for the many files that only need
// the lists.
export { SERVICES, TOKEN_KINDS, SERVICE_NAMES, KIND_NAMES, KIND_SERVICE, type Service, type TokenKind } from './services';
