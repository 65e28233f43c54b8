// @ts-check
// A curve against a rate rather than time (uPlot with a plain x scale): a sweep's waiting and
// latency per offered rate, with vertical marks for named rates (the knee, the best case). The
// whole curve is replaced at each update; the window, redraw throttling and resizing live in
// livePlot.js.
import { compact } from '../format.js';
import { LivePlot, styledAxis } from './livePlot.js';
import { niceTop } from './timeSeries.js';

/** Most points a curve keeps (a sweep has a step per point, far fewer than this). */
const MAX_POINTS = 1000;

/** Outliers above this many times the peak of the other points run off the top. */
const HEADROOM = 3;

/**
 * A round top for the rate axis just above the highest rate (1,050 → 1,100), so the curve
 * fills the width.
 * @param {number} value
 * @returns {number}
 */
export function rateTop(value) {
    if (!Number.isFinite(value) || value <= 0) {
        return 1;
    }
    const step = 10 ** (Math.floor(Math.log10(value)) - 1);
    return Math.ceil(value / step) * step;
}

/**
 * The y top: the peak of the points that are not outliers, with room for outliers up to
 * HEADROOM times it (beyond that they run off the top, so a saturated step does not flatten the
 * knee); all points when every one is an outlier.
 * @param {{ values: (number | null | undefined)[], outlier?: boolean }[]} points
 * @returns {number}
 */
export function curveTop(points) {
    /** @param {typeof points} list */
    const peak = list => Math.max(0, ...list.flatMap(p => p.values).filter(v => typeof v === 'number' && Number.isFinite(v)).map(Number));
    const all = peak(points);
    const regular = peak(points.filter(p => !p.outlier));
    return regular > 0 ? Math.max(regular, Math.min(all, HEADROOM * regular)) : all;
}

/**
 * @typedef {object} CurveSeries
 * @property {string} label shown in the legend
 * @property {string} color
 * @property {number[]} [dash]
 * @property {boolean} [fill]
 */

/**
 * @typedef {object} RateMark
 * @property {number} x the rate to mark
 * @property {string} label written beside the line
 * @property {string} color
 */

/**
 * @typedef {object} RateCurveOptions
 * @property {string} unit unit of the y values
 * @property {string} xUnit unit of the x values ("/s")
 * @property {CurveSeries[]} series
 * @property {number} [height]
 */

export class RateCurveChart {
    /** @type {LivePlot} */
    #plot;
    /** @type {RateMark[]} */
    #marks = [];
    #yTop = 1;
    #columns;

    /**
     * @param {HTMLElement} container
     * @param {RateCurveOptions} options
     */
    constructor(container, options) {
        const { unit, xUnit } = options;
        this.#columns = options.series.length + 1;
        this.#plot = new LivePlot(container, { capacity: MAX_POINTS, height: options.height ?? 220, columns: this.#columns }, (width, height) => ({
            width,
            height,
            cursor: { drag: { x: false, y: false } },
            legend: { live: false },
            scales: {
                x: { time: false, range: (_u, _min, max) => [0, rateTop(Math.max(max ?? 0, ...this.#marks.map(m => m.x)) * 1.05)] },
                y: { range: () => [0, niceTop(this.#yTop)] },
            },
            axes: [
                styledAxis(v => `${compact(v)} ${xUnit}`, { space: 70 }),
                styledAxis(v => `${compact(v)} ${unit}`, { size: (_u, values) => 14 + 7 * Math.max(4, ...(values ?? []).map(v => v.length)) }),
            ],
            series: [
                {},
                ...options.series.map(s => ({
                    label: s.label,
                    stroke: s.color,
                    width: 1.5,
                    dash: s.dash,
                    fill: s.fill ? `${s.color}22` : undefined,
                    points: { show: true, size: 5 },
                    spanGaps: false,
                })),
            ],
            hooks: { draw: [u => this.#drawMarks(u)] },
        }));
    }

    /**
     * Replaces the curve and the marks. Points with no finite x are left out; the rest are
     * drawn in order of x, as uPlot needs. An outlier (a saturated step) may run off the top.
     * @param {{ x: number, values: (number | null | undefined)[], outlier?: boolean }[]} points
     * @param {RateMark[]} marks
     */
    set(points, marks) {
        const rows = points
            .filter(p => typeof p.x === 'number' && Number.isFinite(p.x))
            .sort((a, b) => a.x - b.x);
        /** @type {(number | null)[][]} */
        const columns = Array.from({ length: this.#columns }, () => []);
        for (const row of rows) {
            columns[0].push(row.x);
            for (let i = 1; i < this.#columns; i++) {
                const v = row.values[i - 1];
                columns[i].push(typeof v === 'number' && Number.isFinite(v) ? v : null);
            }
        }
        this.#marks = marks.filter(m => typeof m.x === 'number' && Number.isFinite(m.x));
        this.#yTop = curveTop(rows);
        this.#plot.replace(columns);
    }

    /** Points currently drawn. */
    get length() {
        return this.#plot.length;
    }

    resize() {
        this.#plot.resize();
    }

    destroy() {
        this.#plot.destroy();
    }

    /** @param {import('../../lib/uplot/uPlot.esm.js').default} u */
    #drawMarks(u) {
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        const ratio = window.devicePixelRatio || 1;
        ctx.save();
        ctx.font = `${11 * ratio}px system-ui, sans-serif`;
        ctx.textBaseline = 'top';
        this.#marks.forEach((mark, i) => {
            const x = Math.round(u.valToPos(mark.x, 'x', true));
            if (x < left || x > left + width) {
                return;
            }
            ctx.strokeStyle = mark.color;
            ctx.fillStyle = mark.color;
            ctx.lineWidth = ratio;
            ctx.setLineDash([4 * ratio, 3 * ratio]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            // Labels stagger down so two marks close together stay readable.
            const text = mark.label;
            const textWidth = ctx.measureText(text).width;
            const textX = x + 4 * ratio + textWidth > left + width ? x - 4 * ratio - textWidth : x + 4 * ratio;
            ctx.fillText(text, textX, top + (4 + 14 * i) * ratio);
        });
        ctx.restore();
    }
}
