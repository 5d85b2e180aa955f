// Public surface of the lifecycle domain (pure; shared by server and web).
export * from './guards';
export * from './lifecycle';
