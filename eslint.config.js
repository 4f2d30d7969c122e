// Lint: type-aware typescript-eslint, plus the project's bans on clocks, randomness and floats in
// the pure core (docs/architecture.md: "firm" rules).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureCoreBans = [
  {
    selector: "MemberExpression[object.name='Date'][property.name='now']",
    message: 'Use the injected Clock.',
  },
  {
    selector: "NewExpression[callee.name='Date']",
    message: 'Use CalendarDate or the injected Clock.',
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'No randomness in the core.',
  },
  {
    selector: "CallExpression[callee.name='parseFloat']",
    message: 'Money is integer öre: parse with a string function.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'web/dist/**', 'bin/**', '*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Implementations of async ports may have nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Ore is a branded bigint; this rule does not see through the brand.
      '@typescript-eslint/no-unsafe-unary-minus': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 70, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/application/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...pureCoreBans] },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      'max-lines': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/http/routes/**/*.ts'],
    // A route module is one registration function listing its routes; length there is a list.
    rules: { 'max-lines-per-function': 'off' },
  },
  { files: ['*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // The web UI is plain browser JavaScript, served as is: no type information.
    files: ['web/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        sessionStorage: 'readonly',
        localStorage: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        console: 'readonly',
        HTMLElement: 'readonly',
        Event: 'readonly',
        FormData: 'readonly',
        location: 'readonly',
        history: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Intl: 'readonly',
        navigator: 'readonly',
        CustomEvent: 'readonly',
        Node: 'readonly',
        alert: 'readonly',
        confirm: 'readonly',
        BigInt: 'readonly',
      },
    },
  },
);
