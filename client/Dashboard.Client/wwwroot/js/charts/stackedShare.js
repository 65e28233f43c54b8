// @ts-check
// Where the completed tasks' time went, interval by interval: awake, waiting and asleep as
// stacked shares of 100 %. A bounded window of points; redraws coalesced like timeSeries.js.
import uPlot from '../../lib/uplot/uPlot.esm.js';
import { compact } from '../format.js';

const MIN_REDRAW_MS = 200;
const AXIS_COLOR = '#667080';
const GRID_COLOR = '#eef0f3';

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
    /** @type {HTMLElement} */
    #container;
    /** @type {uPlot} */
    #plot;
    /**
     * x, then the tops of the stacked bands, highest first (uPlot fills a series down to the
     * next one listed in a band): asleep top (100), waiting top (awake + waiting), awake top.
     * @type {(number | null)[][]}
     */
    #data = [[], [], [], []];
    #capacity;
    #height;
    #drawPending = false;
    #lastDraw = 0;
    /** @type {ResizeObserver | null} */
    #resizeObserver = null;
    #destroyed = false;

    /**
     * @param {HTMLElement} container
     * @param {StackedShareOptions} options
     */
    constructor(container, options) {
        if (!Number.isInteger(options.capacity) || options.capacity < 2) {
            throw new RangeError(`capacity must be an integer of at least 2, got ${options.capacity}`);
        }
        this.#container = container;
        this.#capacity = options.capacity;
        this.#height = options.height ?? 160;
        const xUnit = options.xUnit;

        /** @param {string} color */
        const band = color => ({ stroke: color, width: 1, fill: `${color}cc`, points: { show: false } });
        /** @type {uPlot.Options} */
        const plotOptions = {
            width: Math.max(container.clientWidth, 100),
            height: this.#height,
            cursor: { drag: { x: false, y: false } },
            // The panel draws its own legend, with what each state means.
            legend: { show: false },
            scales: { x: { time: false }, y: { range: [0, 100] } },
            axes: [
                {
                    stroke: AXIS_COLOR,
                    grid: { stroke: GRID_COLOR, width: 1 },
                    ticks: { show: false },
                    space: 70,
                    values: (_u, splits) => splits.map(v => `${compact(v)} ${xUnit}`),
                },
                {
                    stroke: AXIS_COLOR,
                    grid: { stroke: GRID_COLOR, width: 1 },
                    ticks: { show: false },
                    size: 56,
                    values: (_u, splits) => splits.map(v => `${compact(v)} %`),
                },
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
        };
        this.#plot = new uPlot(plotOptions, /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.#data)), container);

        if (typeof ResizeObserver === 'function') {
            this.#resizeObserver = new ResizeObserver(() => requestAnimationFrame(() => this.resize()));
            this.#resizeObserver.observe(container);
        }
    }

    /** Points currently kept (never more than the capacity). */
    get length() {
        return this.#data[0].length;
    }

    /**
     * Adds one interval; drops the oldest beyond the capacity.
     * @param {number} x
     * @param {number} awakeMs summed over the interval's completed tasks
     * @param {number} waitingMs
     * @param {number} asleepMs
     */
    append(x, awakeMs, waitingMs, asleepMs) {
        if (this.#destroyed) {
            return;
        }
        const s = shares(awakeMs, waitingMs, asleepMs);
        const data = this.#data;
        data[0].push(x);
        data[1].push(s ? 100 : null);
        data[2].push(s ? s.awake + s.waiting : null);
        data[3].push(s ? s.awake : null);
        const excess = data[0].length - this.#capacity;
        if (excess > 0) {
            for (const column of data) {
                column.splice(0, excess);
            }
        }
        this.#scheduleDraw();
    }

    clear() {
        for (const column of this.#data) {
            column.length = 0;
        }
        this.#scheduleDraw();
    }

    resize() {
        if (this.#destroyed) {
            return;
        }
        const width = Math.max(this.#container.clientWidth, 100);
        if (width !== this.#plot.width) {
            this.#plot.setSize({ width, height: this.#height });
        }
    }

    destroy() {
        this.#destroyed = true;
        this.#resizeObserver?.disconnect();
        this.#plot.destroy();
    }

    #scheduleDraw() {
        if (this.#drawPending) {
            return;
        }
        this.#drawPending = true;
        const wait = Math.max(0, this.#lastDraw + MIN_REDRAW_MS - performance.now());
        setTimeout(() => requestAnimationFrame(() => {
            this.#drawPending = false;
            if (this.#destroyed) {
                return;
            }
            this.#lastDraw = performance.now();
            this.#plot.setData(/** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.#data)));
        }), wait);
    }
}
