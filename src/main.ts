/** Entry point: `npm start` runs `reskontra serve`. */
import { buildProgram } from './cli/program.ts';

await buildProgram().parseAsync(process.argv);
