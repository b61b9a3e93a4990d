export * from './real-servers';
