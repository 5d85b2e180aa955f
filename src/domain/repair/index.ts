// Public surface of the repair domain (pure; shared by server and web).
export * from './repair.status';
export * from './repair.quote';
export * from './repair.approval';
export * from './repair.clocks';
export * from './repair.failures';
export * from './repair-time';
export * from './fault-catalogue';
export * from './signature';
export * from './repair.schemas';
export * from './repair.roles';
export * from './dispatch-rank';
