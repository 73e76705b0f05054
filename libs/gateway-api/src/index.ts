export * from './gateway-api.module';
export * from './realtime/socket-rooms';
export { IngestAdmissionGate } from './ingest/ingest-admission.gate';
