// The queue policy document now lives in @switchboard/contracts (one schema for the admin API and the router);
// re-exported here so this package's public surface is unchanged.
export { QueuePolicyDocumentSchema, type QueuePolicyDocument } from '@switchboard/contracts';
