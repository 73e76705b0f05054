// Lint rules follow the house style: promise safety, exhaustive switches, and a pure routing core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworkAndIo = [
  '@nestjs/*',
  '@prisma/*',
  'kafkajs',
  'socket.io',
  'socket.io-client',
  'pg',
  'ioredis',
  'node:*',
  'fs',
  'net',
  'http',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'libs/persistence/src/generated/**',
      'apps/console/dist/**',
      'load-tests/k6/**',
      '**/*.mjs',
      '**/*.js',
      // Local scratch files, never committed.
      '**/*.tmp.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['libs/routing-core/**/*.ts', 'libs/sla/**/*.ts', 'libs/metrics/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: frameworkAndIo,
              message: 'routing-core, sla and metrics are pure: no framework or I/O imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'load-tests/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
