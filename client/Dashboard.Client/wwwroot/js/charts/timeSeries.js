// @ts-check
// Live time series over uPlot: lines (optionally filled or dashed) against time of day or a
// plain x unit. The window, redraw throttling and resizing live in livePlot.js.
import uPlot from '../../lib/uplot/uPlot.esm.js';
import { compact } from '../format.js';
import { LivePlot, styledAxis } from './livePlot.js';

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
 * @property {(columns: (number | null)[][]) => number} [yTop] the top of the y scale from the data (x column
 *   first), for a chart whose outliers should run off the top rather than flatten the rest
 * @property {string} [xUnit] when set, x is a plain number in this unit (seconds since a run began, "s"),
 *   labelled with it; otherwise x is a time of day (seconds since the epoch) labelled in UTC
 */

export class TimeSeriesChart {
    /** @type {LivePlot} */
    #plot;

    /**
     * @param {HTMLElement} container element the chart fills (its width is followed)
     * @param {TimeSeriesOptions} options
     */
    constructor(container, options) {
        const { unit, yMax, yTop, xUnit } = options;
        /** @param {number} v */
        const tick = v => `${compact(v)} ${unit}`;
        /** @param {number} v */
        const xTick = xUnit ? (/** @type {number} */ v) => `${compact(v)} ${xUnit}` : clockTick;
        this.#plot = new LivePlot(container, { capacity: options.capacity, height: options.height, columns: options.series.length + 1 }, (width, height) => ({
            width,
            height,
            tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
            cursor: { drag: { x: false, y: false } },
            // Series names only: values live in the page's figures and on the axis.
            legend: { live: false },
            scales: {
                x: { time: !xUnit },
                y: {
                    range: (u, _min, max) => [0, yMax ?? (yTop
                        ? niceTop(yTop(/** @type {(number | null)[][]} */ (/** @type {unknown} */ (u.data))))
                        : niceTop(max))],
                },
            },
            axes: [
                styledAxis(xTick, { space: 70 }),
                // Wide enough for the longest label, so "40 tasks" is never clipped.
                styledAxis(tick, { size: (_u, values) => AXIS_GAP + AXIS_CHAR_WIDTH * Math.max(4, ...(values ?? []).map(v => v.length)) }),
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
        }));
    }

    /** Points currently kept (never more than the capacity). */
    get length() {
        return this.#plot.length;
    }

    /**
     * Adds one point per series at a time; drops the oldest beyond the capacity.
     * @param {number} timeSeconds seconds since the epoch (or, with xUnit, the x value in that unit)
     * @param {(number | null)[]} values one per series, in the order given to the constructor
     */
    append(timeSeconds, values) {
        this.#plot.push([timeSeconds, ...values.map(v => (typeof v === 'number' && Number.isFinite(v) ? v : null))]);
    }

    /**
     * Greys the run's warm-up, from the left edge to x.
     * @param {number} x
     */
    warmUpUntil(x) {
        this.#plot.warmUpUntil(x);
    }

    /** Drops every point (after the server restarted, say). */
    clear() {
        this.#plot.clear();
    }

    /** Fits the chart to its container's width now. */
    resize() {
        this.#plot.resize();
    }

    destroy() {
        this.#plot.destroy();
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
