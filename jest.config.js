// Every test runs by default. The PostgreSQL pass (DATABASE_URL=postgres://…) and the browser suite (which
// needs /usr/bin/chromium) are started by .ci/run; see README "Tests".
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
}
