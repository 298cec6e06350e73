// Starts the calculation engine from the page's <head>, as soon as this file and engine.js have
// arrived (an async module), so that Python loads while the page is still being parsed and drawn
// rather than after it (docs/performance.md). The page code (calculator.js, batch.js) asks
// engine.js for the same engine: whichever of the two runs first starts the one worker, and the
// page works whether this file runs before the page code, after it, or never (blocked, failed,
// stripped by a proxy).
import { bootEngine } from "./engine.js";

bootEngine();
