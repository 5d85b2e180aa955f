// Public surface of the follow-up domain (pure; shared by server and web).
export * from './followup.status';
export * from './followup.rules';
export * from './followup.roles';
