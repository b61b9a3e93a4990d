export * from './real-servers';
export * from './test-stores';
export * from './sse';
