// ESLint for code, scripts and tests (typescript-eslint's recommended rules, without the
// type-aware ones: `npm run typecheck` already runs the compiler over everything), and
// Prettier settles layout, so the two never argue (eslint-config-prettier).
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-artifacts/', '.data/', 'web/fonts/', '.stryker-tmp*/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts and the CommonJS jest config.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // A module's face loads its use cases on their first call, so what only routes (the Discord ingress) never loads them.
    files: ['shared/*/index.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The pages' own scripts run in the browser (OBS's included), as plain scripts.
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    // The playground's page script: bundled by esbuild for the browser.
    files: ['shared/local/playground/client/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Scripts that drive a browser: what they hand to page.evaluate runs in the page.
    files: ['scripts/site/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
