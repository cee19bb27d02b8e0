// Lint: typescript-eslint's strict, type-checked rules over everything the type checker sees, with the
// few choices below (each says why).
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench/results/'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers in messages and SQL-free strings are what templates are for.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // With noUncheckedIndexedAccess, `rows[0]!` after a check the compiler cannot follow is the honest spelling.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Fastify's hooks and handlers are async so that a throw becomes the rejection Fastify answers, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      // Sanitising input means naming control characters in patterns, on purpose.
      'no-control-regex': 'off',
      // `(x) => set.delete(x)` says what it does; wrapping it in braces says nothing more.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // HTTP answers in tests are untyped JSON (supertest's `body: any`); asserting on them is the point.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Migrations take Kysely<any>: they are frozen in time, and must not follow the app's schema types.
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The browser scripts are plain JavaScript, run as they are.
    files: ['static/**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        WebSocket: 'readonly',
        crypto: 'readonly',
        location: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        console: 'readonly',
      },
    },
  },
);
