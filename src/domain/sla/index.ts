// Public surface of the SLA domain (pure; shared by server and web).
export * from './clock';
export * from './due-times';
export * from './pause-rules';
export * from './policy';
export { DEFAULT_POLICY_ID, DOCUMENT_PRESETS, SLA_PRESETS, STRICTEST_PRESET } from './presets';
export * from './targets';
export * from './ticket-state';
