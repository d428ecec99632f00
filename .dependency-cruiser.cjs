/**
 * The boundaries of the layout (README "Architecture"), checked by `npm run lint`:
 * platform ← foundation ← bot/channels ← features ← composition root, one folder per journey.
 */
const FEATURE = '^src/features/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Folders depend one way: a cycle between two folders means one idea is split over both.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'Two modules that import each other (also through others) cannot be read or tested one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'feature-internals',
      comment: "A feature uses another feature only through that feature's index.ts.",
      severity: 'error',
      from: { path: FEATURE },
      to: { path: '^src/features/([^/]+)/.+', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'features-only-from-the-root',
      comment: 'Only the composition root (src/app.ts) and the features themselves know the features; the platform, the foundation, the bot, the channels and the console get what they need handed in.',
      severity: 'error',
      from: { path: '^(src/(platform|foundation|bot|channels|staff|cli)/|dialogs/)' },
      to: { path: '^src/features/' },
    },
    {
      name: 'grammy-only-in-channels',
      comment: 'Only src/channels/ talks to Telegram (grammY).',
      severity: 'error',
      from: { path: '^(src|dialogs)/', pathNot: '^src/channels/' },
      to: { path: 'node_modules/(grammy|@grammyjs)/' },
    },
    {
      name: 'botbuilder-only-in-bot-channels-dialogs',
      comment: 'Only the bot, the channels and dialogs (top-level dialogs/ and each feature\'s dialogs/) use the dialog engine; domain, console, jobs and platform do not.',
      severity: 'error',
      from: { path: '^(src|dialogs)/', pathNot: ['^src/bot/', '^src/channels/', '^dialogs/', '^src/features/[^/]+/dialogs/', '^src/features/feature-module\\.ts$', '^src/app\\.ts$'] },
      to: { path: 'node_modules/botbuilder' },
    },
    {
      name: 'platform-stands-alone',
      comment: 'The platform (config, logging, clock, store, scheduler, texts, HTTP) knows nothing of the product.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^(src/(?!platform/)|dialogs/|locales/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^src/channels/webchat/public/'] },
    // Type-only imports are dependencies too: they tie the folders together just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] },
  },
};
