export * from './stack';
export * from './isolated-stack';
export * from './local-infra';
export * from './embedded-process';
export * from './load-settings';
export * from './run-cli';
