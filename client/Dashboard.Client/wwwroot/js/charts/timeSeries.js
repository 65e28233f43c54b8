// @ts-check
// A small wrapper over uPlot for live time series: a bounded window of points, redraws
// throttled to animation frames (at most one per MIN_REDRAW_MS), and a width that follows
// its container.
import uPlot from '../../lib/uplot/uPlot.esm.js';
import { compact } from '../format.js';

/** Redraws are coalesced: data may arrive faster than it is worth drawing. */
const MIN_REDRAW_MS = 200;

const AXIS_COLOR = '#667080';
const GRID_COLOR = '#eef0f3';
/** Axis label width: an estimate per character of the 12 px axis font, plus the gap to the plot. */
const AXIS_CHAR_WIDTH = 7;
const AXIS_GAP = 14;

/**
 * @typedef {object} SeriesSpec
 * @property {string} label shown in the legend
 * @property {string} color stroke colour
 * @property {boolean} [fill] shade the area under the line
 * @property {number[]} [dash] a dash pattern (for example [4, 3]) to tell a related series apart
 */

/**
 * @typedef {object} TimeSeriesOptions
 * @property {string} unit unit of the y values, shown on every axis label
 * @property {SeriesSpec[]} series one entry per y series
 * @property {number} capacity points kept; the oldest are dropped beyond it
 * @property {number} [height] plot height in pixels
 * @property {number} [yMax] a fixed top of the y scale (100 for percentages); otherwise it follows the data
 * @property {string} [xUnit] when set, x is a plain number in this unit (seconds since a run began, "s"),
 *   labelled with it; otherwise x is a time of day (seconds since the epoch) labelled in UTC
 */

export class TimeSeriesChart {
    /** @type {HTMLElement} */
    #container;
    /** @type {uPlot} */
    #plot;
    /** @type {number[][]} x (seconds since the epoch) then one array per series */
    #data;
    #capacity;
    #height;
    #drawPending = false;
    #lastDraw = 0;
    /** @type {ResizeObserver | null} */
    #resizeObserver = null;
    #resizePending = false;
    #destroyed = false;

    /**
     * @param {HTMLElement} container element the chart fills (its width is followed)
     * @param {TimeSeriesOptions} options
     */
    constructor(container, options) {
        if (!Number.isInteger(options.capacity) || options.capacity < 2) {
            throw new RangeError(`capacity must be an integer of at least 2, got ${options.capacity}`);
        }
        this.#container = container;
        this.#capacity = options.capacity;
        this.#height = options.height ?? 160;
        this.#data = [[], ...options.series.map(() => [])];

        const { unit, yMax, xUnit } = options;
        /** @param {number} v */
        const tick = v => `${compact(v)} ${unit}`;
        /** @param {number} v */
        const xTick = xUnit ? (/** @type {number} */ v) => `${compact(v)} ${xUnit}` : clockTick;

        /** @type {uPlot.Options} */
        const plotOptions = {
            width: Math.max(container.clientWidth, 100),
            height: this.#height,
            tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
            cursor: { drag: { x: false, y: false } },
            // Series names only: values live in the page's figures and on the axis.
            legend: { live: false },
            scales: {
                x: { time: !xUnit },
                y: { range: (_u, _min, max) => [0, yMax ?? niceTop(max)] },
            },
            axes: [
                {
                    stroke: AXIS_COLOR,
                    grid: { stroke: GRID_COLOR, width: 1 },
                    ticks: { show: false },
                    space: 70,
                    values: (_u, splits) => splits.map(xTick),
                },
                {
                    stroke: AXIS_COLOR,
                    grid: { stroke: GRID_COLOR, width: 1 },
                    ticks: { show: false },
                    // Wide enough for the longest label, so "40 tasks" is never clipped.
                    size: (_u, values) => AXIS_GAP + AXIS_CHAR_WIDTH * Math.max(4, ...(values ?? []).map(v => v.length)),
                    values: (_u, splits) => splits.map(tick),
                },
            ],
            series: [
                {},
                ...options.series.map(s => ({
                    label: s.label,
                    stroke: s.color,
                    width: 1.5,
                    fill: s.fill ? `${s.color}22` : undefined,
                    dash: s.dash,
                    points: { show: false },
                })),
            ],
        };

        this.#plot = new uPlot(plotOptions, /** @type {uPlot.AlignedData} */ (this.#data), container);

        if (typeof ResizeObserver === 'function') {
            this.#resizeObserver = new ResizeObserver(() => this.#scheduleResize());
            this.#resizeObserver.observe(container);
        }
    }

    /** Points currently kept (never more than the capacity). */
    get length() {
        return this.#data[0].length;
    }

    /**
     * Adds one point per series at a time; drops the oldest beyond the capacity.
     * @param {number} timeSeconds seconds since the epoch (or, with xUnit, the x value in that unit)
     * @param {(number | null)[]} values one per series, in the order given to the constructor
     */
    append(timeSeconds, values) {
        if (this.#destroyed) {
            return;
        }
        const data = this.#data;
        data[0].push(timeSeconds);
        for (let i = 1; i < data.length; i++) {
            const v = values[i - 1];
            data[i].push(typeof v === 'number' && Number.isFinite(v) ? v : /** @type {any} */ (null));
        }
        const excess = data[0].length - this.#capacity;
        if (excess > 0) {
            for (const column of data) {
                column.splice(0, excess);
            }
        }
        this.#scheduleDraw();
    }

    /** Drops every point (after the server restarted, say). */
    clear() {
        for (const column of this.#data) {
            column.length = 0;
        }
        this.#scheduleDraw();
    }

    /** Fits the chart to its container's width now. */
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
            this.#plot.setData(/** @type {uPlot.AlignedData} */ (this.#data));
        }), wait);
    }

    #scheduleResize() {
        if (this.#resizePending) {
            return;
        }
        this.#resizePending = true;
        requestAnimationFrame(() => {
            this.#resizePending = false;
            this.resize();
        });
    }
}

/**
 * An x-axis label: the time of day in UTC, as the page's figures show it.
 * @param {number} ts seconds since the epoch
 * @returns {string}
 */
function clockTick(ts) {
    return new Date(ts * 1e3).toISOString().substring(11, 19);
}

/**
 * A round top for an auto-scaled axis: 1, 2 or 5 times a power of ten, at least the maximum.
 * @param {number | null} max
 * @returns {number}
 */
export function niceTop(max) {
    if (max == null || !Number.isFinite(max) || max <= 0) {
        return 1;
    }
    const power = 10 ** Math.floor(Math.log10(max));
    for (const step of [1, 2, 5, 10]) {
        if (step * power >= max) {
            return step * power;
        }
    }
    return 10 * power;
}
