// The built-in demo tenant: a Graph-compatible server over a demo tenant file, and the OData it understands.
export * from './tenantFile';
export * from './loadTenant';
export * from './graphHttp';
export * from './odata';
export { startDemoGraph, type DemoGraph, type DemoGraphOptions } from './graphServer';
