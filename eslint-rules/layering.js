// Folder boundaries of ARCHITECTURE.md, enforced on every import, require() and dynamic import().
// Why a local rule and not no-restricted-imports: the rule is an allow-list per folder (like
// VS Code's local/code-layering), and the message names the folder table so a newcomer knows why.
import { builtinModules } from 'node:module';
import path from 'node:path';

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Pure-JS packages that `common/` may use: they run unchanged in Node, a Worker and Chromium. */
export const COMMON_PACKAGES = ['papaparse', 'read-excel-file', 'fast-xml-parser', 'valibot'];
/** Packages the renderer may use besides `common/`. */
export const RENDERER_PACKAGES = ['react', 'react-dom', 'zustand'];

/**
 * The layers inside main/, lowest first: a folder imports only its own files and folders of lower
 * layers; folders of one layer do not import each other. Like VS Code's base < platform < workbench,
 * so a change low down cannot reach up (ARCHITECTURE.md, "Layers inside main/").
 */
export const MAIN_LAYERS = [
  ['store', 'simulator', 'static'],
  ['log'],
  ['efota'],
  ['auth'],
  ['practice'],
  ['batches'],
  ['team'],
  ['services'],
  ['ipc'],
  ['web', 'cli', 'desktop'],
  ['app'],
];

const mainRank = new Map(MAIN_LAYERS.flatMap((folders, rank) => folders.map((f) => [f, rank])));
const LAYER_TEXT = MAIN_LAYERS.map((folders) => folders.join(' | ')).join(' < ');

/** The folder under main/ a path is in ('services' for main/services/x.ts), or null. */
function mainFolder(rel) {
  const m = /^main\/([^/]+)\//.exec(rel);
  return m ? m[1] : null;
}

function mainLayerReason(fromRel, target) {
  const from = mainFolder(fromRel);
  const to = mainFolder(target);
  if (!from || !to || from === to) return null;
  const fromRank = mainRank.get(from);
  const toRank = mainRank.get(to);
  if (fromRank === undefined) return `main/${from}/ has no place in the layers inside main/ (${LAYER_TEXT}): add it to MAIN_LAYERS`;
  if (toRank === undefined) return `main/${to}/ has no place in the layers inside main/ (${LAYER_TEXT}): add it to MAIN_LAYERS`;
  if (toRank < fromRank) return null;
  const why = toRank === fromRank ? 'is in the same layer as' : 'is in a higher layer than';
  return `main/${from}/ must not import main/${to}/ ('${target}'): main/${to}/ ${why} main/${from}/ (layers inside main/, lowest first: ${LAYER_TEXT})`;
}

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

function layerOf(rel) {
  if (rel.startsWith('common/')) return 'common';
  if (rel.startsWith('main/app/')) return 'main/app';
  if (rel.startsWith('main/')) return 'main';
  if (rel.startsWith('preload/')) return 'preload';
  if (rel.startsWith('renderer/')) return 'renderer';
  return null;
}

function check(layer, spec, fromRel) {
  const relative = spec.startsWith('.') || spec.startsWith('/');
  if (relative) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
    const to = layerOf(target);
    if (layer === 'common' && to !== 'common') return 'common/ may import only common/';
    if (layer === 'renderer' && to !== 'renderer' && to !== 'common') return 'renderer/ may import only renderer/ and common/';
    if (layer === 'preload' && to !== 'preload' && !target.startsWith('common/')) return 'preload/ may import only common/ and electron';
    if ((layer === 'main' || layer === 'main/app') && (to === 'renderer' || to === 'preload')) return 'main/ must not import renderer/ or preload/';
    if (layer === 'main' && to === 'main/app') return 'only main/app/ may import main/app/ (it imports electron)';
    if (layer === 'main' || layer === 'main/app') return mainLayerReason(fromRel, target);
    return null;
  }
  const pkg = packageName(spec);
  const isBuiltin = builtins.has(spec) || builtins.has(pkg);
  const isElectron = pkg === 'electron' || pkg === 'electron-store';
  switch (layer) {
    case 'common':
      if (isBuiltin) return `common/ runs in the renderer and Workers too: no Node built-ins ('${spec}')`;
      if (!COMMON_PACKAGES.includes(pkg)) return `common/ may import only common/ and ${COMMON_PACKAGES.join(', ')} ('${spec}')`;
      return null;
    case 'main':
      if (isElectron) return `only main/app/ and preload/ may import ${pkg}: require('electron') throws in plain Node`;
      return null;
    case 'main/app':
      return null;
    case 'preload':
      if (pkg !== 'electron') return `preload/ may import only common/ and electron ('${spec}')`;
      return null;
    case 'renderer':
      if (isBuiltin || isElectron) return `renderer/ runs in a sandboxed page: no '${spec}'`;
      if (!RENDERER_PACKAGES.includes(pkg) && !COMMON_PACKAGES.includes(pkg)) return `renderer/ may import only common/, renderer/ and ${RENDERER_PACKAGES.join(', ')} ('${spec}')`;
      return null;
    default:
      return null;
  }
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder boundaries of ARCHITECTURE.md' },
    schema: [],
    messages: { layer: '{{reason}} (see ARCHITECTURE.md, "Folders")' },
  },
  create(context) {
    const rel = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const layer = layerOf(rel);
    if (!layer) return {};
    const report = (node, spec) => {
      if (typeof spec !== 'string') return;
      const reason = check(layer, spec, rel);
      if (reason) context.report({ node, messageId: 'layer', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => report(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && report(node, node.source.value),
      ExportAllDeclaration: (node) => report(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && report(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          report(node, node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { layering: rule } };
