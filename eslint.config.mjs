// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const channelLibraries = ['express', 'express-session', 'twilio', 'handlebars', 'express-handlebars', 'i18next']

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'views/assets/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // DESIGN.md: channel → domain → db. Domain services know nothing of the web, the phone or the templates.
    files: ['server/cases/**/*.ts', 'server/identity/**/*.ts', 'server/callbacks/**/*.ts', 'server/audit/**/*.ts', 'server/calls/**/*.ts', 'server/agency/**/*.ts', 'server/statements/**/*.ts', 'server/messages/**/*.ts', 'server/queue/**/*.ts', 'server/documents/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: channelLibraries.map((name) => ({ name, message: 'Domain code must not depend on a channel library.' })),
          patterns: [
            { group: ['**/portal/**', '**/console/**', '**/ivr/**', '**/middleware/**'], message: 'Domain code must not import a channel.' },
          ],
        },
      ],
    },
  },
  {
    // Channels call domain services; they never run SQL or reach the database layer.
    files: ['server/portal/**/*.ts', 'server/console/**/*.ts', 'ivr/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['kysely', 'better-sqlite3', 'pg'].map((name) => ({ name, message: 'Channels must go through a domain service.' })),
          patterns: [{ group: ['**/db/**'], message: 'Channels must go through a domain service.' }],
        },
      ],
    },
  },
  {
    files: ['jest.config.js'],
    languageOptions: { globals: { module: 'writable' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
