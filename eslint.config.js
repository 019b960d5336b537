import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist',
      '.prerender',
      'bench/.floor-dist',
      'node_modules',
      'test-results',
      'playwright-report',
      '.stryker-tmp',
      'reports',
      // Type declarations of the generators' .mjs renderers: tsc reads them; nothing in them runs.
      'scripts/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // Tests and benchmarks read parsed YAML and JSON, which is untyped (`any`) by nature; they assert on it instead.
    files: ['**/*.test.ts', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript files are not type-checked.
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The core stays pure: no React, no DOM (STYLE.md). Enforced, not just hoped for.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/**/__fixtures__/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', '**/ui/**', '**/cli/**', 'node:*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'fetch'],
    },
  },
  {
    // One way into the core (STYLE.md): its light entry (src/core/index.ts) and its lazily loaded one
    // (src/core/runtime.ts). Keeps the code split honest and the core free to rearrange its inside.
    files: ['src/ui/**/*.{ts,tsx}', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)core/(?!runtime$)',
              message: "Import the core through its entries only: 'core' (first screen) or 'core/runtime' (lazy).",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the core's shared fixtures.
    files: ['src/ui/**/*.test.{ts,tsx}', 'src/cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)core/(?!runtime$|__fixtures__/)', message: 'Import the core through its entries.' },
          ],
        },
      ],
    },
  },
  {
    // Specs take test/expect from e2e/fixtures.ts, which fails a test on any page error or console.error.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test', 'expect'],
              message: "Import test and expect from './fixtures': it fails a test on page errors.",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
