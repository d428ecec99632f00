import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Dependencies point inward (shared/style.md): only channels speak grammY, only bot/channels/dialogs
    // (and, until the feature folders land, the feature wiring) speak botbuilder; the domain, the store,
    // the staff console and the platform never import either.
    files: ['src/domain/**/*.ts', 'src/store/**/*.ts', 'src/staff/**/*.ts', 'src/scheduler/**/*.ts', 'src/i18n/**/*.ts', 'src/config/**/*.ts', 'src/http/**/*.ts', 'src/maintenance/**/*.ts', 'src/notifications/**/*.ts', 'src/logging/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['grammy', 'grammy/*', '@grammyjs/*'], message: 'Only src/channels/ talks to Telegram (grammY).' },
            { group: ['botbuilder', 'botbuilder-*'], message: 'Only src/bot/, src/channels/ and dialogs/ use the dialog engine (botbuilder).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/channels/webchat/public/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', sessionStorage: 'readonly', localStorage: 'readonly', location: 'readonly' } },
  },
);
