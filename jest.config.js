// Jest 30 runs Nest 12 (ESM-only) in native ESM mode: ts-jest compiles with useESM and the
// mapper strips the `.js` suffix that nodenext requires in relative imports. Type errors are
// reported by `npm test`'s typecheck step over the whole tree, so ts-jest's own diagnostics are
// off; 151002 (a hint to use isolatedModules, which would need `import type` for every
// decorator-metadata type) is silenced.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  // Packages by name (package.json `imports`): `#domain` is a lib's index, `#domain/x/y` a module in it.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^#event-store/test-support/(.*)$': '<rootDir>/libs/event-store/test-support/$1',
    '^#([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^#([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002], exclude: ['**'] } }],
  },
  testEnvironment: 'node',
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
