/** `npm run staff -- create-admin ...`: see staff-command.ts. */
import { main } from './staff-command.js';

process.exitCode = await main(process.argv.slice(2));
