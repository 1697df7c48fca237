// Two projects: `unit` runs anywhere; `engine` (*.itg.test.ts) needs the real Docker engine and registry
// started by scripts/test-engine.sh. Engine tests skip loudly without one, unless STAGEGUARD_E2E=required.
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  moduleFileExtensions: ['ts', 'js', 'json']
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/**/*.test.ts'], testPathIgnorePatterns: ['\\.itg\\.test\\.ts$'] },
    { ...common, displayName: 'engine', testMatch: ['<rootDir>/__tests__/**/*.itg.test.ts'] }
  ]
};
