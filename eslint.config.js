import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import local from './eslint-rules/layering.js';

// DOM and browser globals that common/ must not touch: it runs in Node (main, CLI) as well.
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location',
  'HTMLElement', 'Element', 'FileReader', 'XMLHttpRequest', 'self', 'postMessage', 'alert'];

// Raw IPC only in the two adapters; everything else goes through the contract (ARCHITECTURE.md).
const RAW_IPC = 'raw IPC lives only in main/app/ipc.ts and preload/index.ts; use the contract (common/contract.ts)';
const rawIpcImports = [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: RAW_IPC }];
const rawIpcSyntax = [
  { selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]', message: RAW_IPC },
  { selector: 'ObjectPattern > Property[key.name=/^ipc(Main|Renderer)$/]', message: RAW_IPC },
];
// The renderer's calls to main belong to the zustand slices (renderer/src/state/): a screen or a
// component calls a slice action, so one place says what the window asks of main and what it keeps.
const BRIDGE = 'calls to main (window.fota) belong in the slices of renderer/src/state/; call a slice action';

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist-renderer/**', 'release/**', 'test-results/**', 'playwright-report/**', 'ci-out/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { local },
    rules: {
      'local/layering': 'error',
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
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'common/**/*.ts'],
    ignores: ['main/app/ipc.ts', 'preload/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: rawIpcImports }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax],
    },
  },
  {
    // Same rules again (a later block replaces a rule's options), plus the bridge outside state/.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/state/**', 'renderer/src/bridge/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: rawIpcImports, patterns: [{ regex: '(^|/)bridge/', message: BRIDGE }] }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax, { selector: 'MemberExpression[property.name="fota"][object.name=/^(window|globalThis|self)$/]', message: BRIDGE }],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.{js,mjs,cjs}', 'eslint-rules/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
