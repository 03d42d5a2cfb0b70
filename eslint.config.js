// Linting: ESLint's and typescript-eslint's recommended rules, less the few
// that do not fit this code (each with its reason). Run by `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({ ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'coverage/**'] }, js.configs.recommended, ...tseslint.configs.recommended, {
  files: ['**/*.ts', '**/*.mjs', '**/*.js'],
  languageOptions: {
    globals: {
      process: 'readonly',
      console: 'readonly',
      Buffer: 'readonly',
      URL: 'readonly',
      setTimeout: 'readonly',
      clearTimeout: 'readonly',
      setInterval: 'readonly',
      clearInterval: 'readonly',
      TextDecoder: 'readonly',
      TextEncoder: 'readonly',
      performance: 'readonly',
      structuredClone: 'readonly',
      queueMicrotask: 'readonly',
      setImmediate: 'readonly',
      globalThis: 'readonly',
    },
  },
  rules: {
    // Names starting with _ are deliberately unused (destructuring to leave a field out).
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    // Control characters in regular expressions are the point of the terminal and XML escaping.
    'no-control-regex': 'off',
  },
});
