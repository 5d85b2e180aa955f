// Public surface of the parts domain (pure; shared by server and web).
export * from './stock';
export * from './warehouse';
export * from './old-part.lifecycle';
export * from './parts.schemas';
export * from './shipment';
