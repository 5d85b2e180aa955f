// Public surface of the complaint domain (pure; shared by server and web).
export * from './complaint.status';
export * from './dispute.status';
export * from './complaint.schemas';
export * from './complaint.roles';
