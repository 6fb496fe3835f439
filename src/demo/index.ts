// The built-in demo tenant: a Graph-compatible server over a demo tenant file, and the OData it understands.
export * from './tenantFile';
export * from './loadTenant';
export * from './graphHttp';
export * from './odata';
export { LICENCES, SIGNED_IN_AS, type DemoAccess } from './access';
export { startDemoGraph, type DemoGraph, type DemoGraphOptions } from './graphServer';
