import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import local from './eslint-rules/layering.js';

// DOM and browser globals that common/ must not touch: it runs in Node (main, CLI) as well.
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location',
  'HTMLElement', 'Element', 'FileReader', 'XMLHttpRequest', 'self', 'postMessage', 'alert'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist-renderer/**', 'release/**', 'test-results/**', 'playwright-report/**', 'ci-out/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { local },
    rules: {
      'local/layering': ['error', {
        // Named, temporary wrong-way imports inside main/ (services reaching up into ipc/): each is
        // removed by the error classifier (#19), which gives services their own error words.
        exceptions: [
          { from: 'main/services/batches.ts', to: 'main/ipc/errors.ts', reason: 'toContractError: removed by the error classifier (#19)' },
          { from: 'main/services/history.ts', to: 'main/ipc/errors.ts', reason: 'toContractError: removed by the error classifier (#19)' },
          { from: 'main/services/licence.ts', to: 'main/ipc/errors.ts', reason: 'toContractError: removed by the error classifier (#19)' },
        ],
      }],
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: 'common/ runs in Node too: no DOM globals' })),
        { name: 'process', message: 'common/ runs in the renderer too: no process' },
        { name: 'Buffer', message: 'common/ runs in the renderer too: use Uint8Array' }],
    },
  },
  {
    // Raw IPC only in the two adapters; everything else goes through the contract (ARCHITECTURE.md).
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'common/**/*.ts'],
    ignores: ['main/app/ipc.ts', 'preload/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'raw IPC lives only in main/app/ipc.ts and preload/index.ts; use the contract (common/contract.ts)' }] }],
      'no-restricted-syntax': ['error',
        { selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]', message: 'raw IPC lives only in main/app/ipc.ts and preload/index.ts; use the contract (common/contract.ts)' },
        { selector: 'ObjectPattern > Property[key.name=/^ipc(Main|Renderer)$/]', message: 'raw IPC lives only in main/app/ipc.ts and preload/index.ts; use the contract (common/contract.ts)' }],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.{js,mjs,cjs}', 'eslint-rules/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
