export * from './real-servers';
export * from './test-stores';
