export * from './configError.js';
export * from './composition.js';
export * from './writePath.js';
export * from './tokens/jwt.js';
export * from './tokens/secret.js';
export * from './tokens/issue.js';
