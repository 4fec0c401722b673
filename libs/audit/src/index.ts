// The auditors' library: the hash chain over the log, seals, verify, history and the log file.
export * from './chain.js';
export * from './seal.js';
export * from './verify.js';
export * from './history.js';
export * from './logFile.js';
