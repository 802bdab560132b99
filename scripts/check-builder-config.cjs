// Validates electron-builder.yml against electron-builder's own schema, offline (no packaging).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

const file = process.argv[2] || 'electron-builder.yml';
(async () => {
  const cfg = await getConfig(process.cwd(), file, null);
  await validateConfiguration(cfg, new DebugLogger(false));
  const need = [];
  if (!cfg.win || !JSON.stringify(cfg.win.target).includes('nsis')) need.push('win.target nsis');
  if (!cfg.mac || !JSON.stringify(cfg.mac.target).includes('dmg')) need.push('mac.target dmg');
  if (!(cfg.asarUnpack || []).some((p) => p.includes('.node'))) need.push('asarUnpack *.node');
  if (need.length) throw new Error('missing: ' + need.join(', '));
  console.log(`electron-builder config OK (${file}): appId=${cfg.appId}`);
})().catch((e) => {
  console.error(String((e && e.message) || e));
  process.exit(1);
});
