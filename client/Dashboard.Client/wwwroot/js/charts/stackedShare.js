// @ts-check
// Where the completed tasks' time went, interval by interval: awake, waiting and asleep as
// stacked shares of 100 %. A bounded window of points; window and redraws from livePlot.js.
import { compact } from '../format.js';
import { LivePlot, styledAxis } from './livePlot.js';


/** The page's state colours (site.css --awake, --waiting, --asleep). */
export const STATE_COLORS = { awake: '#3d6fd6', waiting: '#e58a16', asleep: '#b9c1cc' };

/**
 * @typedef {object} StackedShareOptions
 * @property {number} capacity points kept; the oldest are dropped beyond it
 * @property {string} xUnit unit of x (seconds since the run began: "s")
 * @property {number} [height] plot height in pixels
 */

/**
 * The three shares of one interval, in percent, or nulls when no task completed in it.
 * @param {number} awakeMs
 * @param {number} waitingMs
 * @param {number} asleepMs
 * @returns {{ awake: number, waiting: number, asleep: number } | null}
 */
export function shares(awakeMs, waitingMs, asleepMs) {
    const total = awakeMs + waitingMs + asleepMs;
    if (!(total > 0) || !Number.isFinite(total)) {
        return null;
    }
    return { awake: awakeMs / total * 100, waiting: waitingMs / total * 100, asleep: asleepMs / total * 100 };
}

export class StackedShareChart {
    /**
     * Columns: x, then the tops of the stacked bands, highest first (uPlot fills a series down
     * to the next one listed in a band): asleep top (100), waiting top (awake + waiting), awake top.
     * @type {LivePlot}
     */
    #plot;

    /**
     * @param {HTMLElement} container
     * @param {StackedShareOptions} options
     */
    constructor(container, options) {
        const xUnit = options.xUnit;
        /** @param {string} color */
        const band = color => ({ stroke: color, width: 1, fill: `${color}cc`, points: { show: false } });
        this.#plot = new LivePlot(container, { capacity: options.capacity, height: options.height, columns: 4 }, (width, height) => ({
            width,
            height,
            cursor: { drag: { x: false, y: false } },
            // The panel draws its own legend, with what each state means.
            legend: { show: false },
            scales: { x: { time: false }, y: { range: [0, 100] } },
            axes: [
                styledAxis(v => `${compact(v)} ${xUnit}`, { space: 70 }),
                styledAxis(v => `${compact(v)} %`, { size: 56 }),
            ],
            series: [
                {},
                { label: 'asleep', ...band(STATE_COLORS.asleep) },
                { label: 'waiting', ...band(STATE_COLORS.waiting) },
                { label: 'awake', ...band(STATE_COLORS.awake) },
            ],
            bands: [
                { series: [1, 2] },
                { series: [2, 3] },
            ],
        }));
    }

    /** Points currently kept (never more than the capacity). */
    get length() {
        return this.#plot.length;
    }

    /**
     * Greys the run's warm-up, from the left edge to x.
     * @param {number} x
     */
    warmUpUntil(x) {
        this.#plot.warmUpUntil(x);
    }

    /**
     * Adds one interval; drops the oldest beyond the capacity.
     * @param {number} x
     * @param {number} awakeMs summed over the interval's completed tasks
     * @param {number} waitingMs
     * @param {number} asleepMs
     */
    append(x, awakeMs, waitingMs, asleepMs) {
        const s = shares(awakeMs, waitingMs, asleepMs);
        this.#plot.push([x, s ? 100 : null, s ? s.awake + s.waiting : null, s ? s.awake : null]);
    }

    clear() {
        this.#plot.clear();
    }

    resize() {
        this.#plot.resize();
    }

    destroy() {
        this.#plot.destroy();
    }
}
