// Public surface of the knowledge domain (pure; shared by server and web).
export * from './article.status';
export * from './article.schemas';
export * from './suggest-rank';
