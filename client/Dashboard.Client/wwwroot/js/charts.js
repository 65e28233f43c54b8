// @ts-check
// The one chart module of the interactive pages (Charts/LiveChart.razor calls it). It draws uPlot
// charts from the arrays and options it is given: create, append, set data, update, dispose. The
// component owns the data, the scales' meaning and every word; this module only keeps a bounded
// window of columns, coalesces redraws and follows the container's width. A page's charts get
// their new points together, in one update call. Each window comes with its frame: the y top the
// page computed, a veil over the left part (a run's warm-up) and vertical marks (a sweep's knee).
import uPlot from './../lib/uplot/uPlot.esm.js';

/** Redraws are coalesced: data may arrive faster than it is worth drawing. */
const MIN_REDRAW_MS = 200;
const AXIS_COLOR = '#667080';
const GRID_COLOR = '#eef0f3';
const VEIL_COLOR = 'rgba(255, 255, 255, 0.7)';
/** Axis label width: an estimate per character of the 12 px axis font, plus the gap to the plot. */
const AXIS_CHAR_WIDTH = 7;
const AXIS_GAP = 14;
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * @typedef {object} ChartOptions what Charts/ChartSpec.cs says, plus the window's capacity
 * @property {string} unit
 * @property {{ label: string, color: string, fill: boolean, dash: number[] | null }[]} lines
 * @property {number | null} yMax
 * @property {string | null} xUnit
 * @property {number} height
 * @property {number} capacity
 * @property {boolean} stacked each line filled down to the next (bands), the legend left to the page
 * @property {boolean} points each point marked
 * @property {boolean} xFromZero x from 0 to a round value past the last point or mark
 * @property {boolean} spanGaps lines go on across x values where they have no point (two runs on one axis)
 */

/**
 * @typedef {object} ChartFrame what Charts/ChartWindow.cs Frame() says beside the columns
 * @property {number | null} yTop
 * @property {{ until: number, label: string } | null} veil
 * @property {{ x: number, label: string, color: string }[]} marks
 */

/** @type {ChartFrame} */
const NO_FRAME = { yTop: null, veil: null, marks: [] };

/**
 * Draws a chart into element with the given columns (x first).
 * @param {HTMLElement} element
 * @param {ChartOptions} options
 * @param {(number | null)[][]} columns
 * @param {ChartFrame} [frame]
 */
export function create(element, options, columns, frame) {
    if (!Number.isInteger(options.capacity) || options.capacity < 2) {
        throw new RangeError(`capacity must be an integer of at least 2, got ${options.capacity}`);
    }
    const chart = {
        element,
        options,
        data: Array.from({ length: options.lines.length + 1 }, () => /** @type {(number | null)[]} */ ([])),
        /** @type {ChartFrame} */
        frame: frame ?? NO_FRAME,
        drawPending: false,
        lastDraw: 0,
        destroyed: false,
        /** @type {uPlot | null} */
        plot: null,
        /** @type {ResizeObserver | null} */
        resizer: null,
    };
    chart.plot = new uPlot(plotOptions(chart), /** @type {any} */ (chart.data), element);
    chart.resizer = new ResizeObserver(() => requestAnimationFrame(() => fit(chart)));
    chart.resizer.observe(element);
    setData(chart, columns);
    return chart;
}

/**
 * Adds points at the end (columns as in create); the oldest go beyond the capacity.
 * @param {any} chart
 * @param {(number | null)[][]} columns
 */
export function append(chart, columns) {
    if (chart.destroyed) {
        return;
    }
    chart.data.forEach((/** @type {(number | null)[]} */ column, /** @type {number} */ i) => column.push(...(columns[i] ?? [])));
    const excess = chart.data[0].length - chart.options.capacity;
    if (excess > 0) {
        chart.data.forEach((/** @type {(number | null)[]} */ column) => column.splice(0, excess));
    }
    scheduleDraw(chart);
}

/**
 * Replaces every point.
 * @param {any} chart
 * @param {(number | null)[][]} columns
 */
export function setData(chart, columns) {
    if (chart.destroyed) {
        return;
    }
    chart.data.forEach((/** @type {(number | null)[]} */ column) => { column.length = 0; });
    append(chart, columns);
}

/**
 * Several charts' new points in one call: each appended, or replacing what the chart holds,
 * with its window's frame.
 * @param {{ chart: any, replace: boolean, columns: (number | null)[][], frame?: ChartFrame }[]} updates
 */
export function update(updates) {
    for (const { chart, replace, columns, frame } of updates) {
        if (frame) {
            chart.frame = frame;
        }
        (replace ? setData : append)(chart, columns);
    }
}

/** @param {any} chart */
export function dispose(chart) {
    chart.destroyed = true;
    chart.resizer?.disconnect();
    chart.plot?.destroy();
}

/** @param {any} chart @returns {uPlot.Options} */
function plotOptions(chart) {
    const { unit, yMax, xUnit, height, lines, stacked, points, xFromZero, spanGaps } = chart.options;
    /** @param {string} suffix */
    const axis = suffix => ({
        stroke: AXIS_COLOR,
        grid: { stroke: GRID_COLOR, width: 1 },
        ticks: { show: false },
        values: (/** @type {unknown} */ _u, /** @type {number[]} */ splits) => splits.map(v => `${number.format(v)} ${suffix}`),
    });
    const xAxis = xUnit
        ? { ...axis(xUnit), space: 70 }
        : { ...axis(''), space: 70, values: (/** @type {unknown} */ _u, /** @type {number[]} */ splits) => splits.map(clock) };
    return {
        width: Math.max(chart.element.clientWidth, 100),
        height,
        tzDate: (/** @type {number} */ ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
        cursor: { drag: { x: false, y: false } },
        legend: stacked ? { show: false } : { live: false },
        scales: {
            x: xFromZero
                ? { time: false, range: (/** @type {uPlot} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [0, roundUp(Math.max(max ?? 0, ...chart.frame.marks.map((/** @type {{ x: number }} */ m) => m.x)) * 1.05)] }
                : { time: !xUnit },
            y: { range: (/** @type {uPlot} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [0, chart.frame.yTop != null ? niceTop(chart.frame.yTop) : yMax ?? niceTop(max)] },
        },
        axes: [
            xAxis,
            // Wide enough for the longest label, so "40 tasks" is never clipped.
            { ...axis(unit), size: (/** @type {unknown} */ _u, /** @type {string[] | null} */ values) => AXIS_GAP + AXIS_CHAR_WIDTH * Math.max(4, ...(values ?? []).map(v => v.length)) },
        ],
        series: [{}, ...lines.map((/** @type {{ label: string, color: string, fill: boolean, dash: number[] | null }} */ l) => ({
            label: l.label,
            stroke: l.color,
            width: stacked ? 1 : 1.5,
            dash: l.dash ?? undefined,
            fill: stacked ? `${l.color}cc` : l.fill ? `${l.color}22` : undefined,
            points: points ? { show: true, size: 5 } : { show: false },
            spanGaps: !!spanGaps,
        }))],
        // Stacked: each line is filled down to the next one (uPlot's bands), the last to zero.
        bands: stacked ? lines.slice(1).map((/** @type {unknown} */ _l, /** @type {number} */ i) => ({ series: [i + 1, i + 2] })) : undefined,
        hooks: { draw: [(/** @type {uPlot} */ u) => { drawVeil(chart, u); drawMarks(chart, u); }] },
    };
}

/** @param {any} chart @param {uPlot} u */
function drawMarks(chart, u) {
    const marks = chart.frame.marks;
    if (marks.length === 0) {
        return;
    }
    const { left, top, width, height } = u.bbox;
    const ratio = devicePixelRatio || 1;
    const ctx = u.ctx;
    ctx.save();
    ctx.font = `${Math.round(11 * ratio)}px sans-serif`;
    ctx.textBaseline = 'top';
    marks.forEach((/** @type {{ x: number, label: string, color: string }} */ mark, /** @type {number} */ i) => {
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
        // Labels stagger down, so two marks close together stay readable; near the right edge they go left.
        const textWidth = ctx.measureText(mark.label).width;
        const textX = x + 4 * ratio + textWidth > left + width ? x - 4 * ratio - textWidth : x + 4 * ratio;
        ctx.fillText(mark.label, textX, top + (4 + 14 * i) * ratio);
    });
    ctx.restore();
}

/** @param {any} chart @param {uPlot} u */
function drawVeil(chart, u) {
    const veil = chart.frame.veil;
    if (!veil) {
        return;
    }
    const { left, top, width, height } = u.bbox;
    const end = Math.min(left + width, Math.max(left, u.valToPos(veil.until, 'x', true)));
    if (end <= left) {
        return;
    }
    const ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = VEIL_COLOR;
    ctx.fillRect(left, top, end - left, height);
    ctx.fillStyle = AXIS_COLOR;
    ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(veil.label, left + 4 * devicePixelRatio, top + 4 * devicePixelRatio);
    ctx.restore();
}

/** @param {any} chart */
function scheduleDraw(chart) {
    if (chart.drawPending) {
        return;
    }
    chart.drawPending = true;
    const wait = Math.max(0, chart.lastDraw + MIN_REDRAW_MS - performance.now());
    setTimeout(() => requestAnimationFrame(() => {
        chart.drawPending = false;
        if (!chart.destroyed) {
            chart.lastDraw = performance.now();
            chart.plot.setData(chart.data);
        }
    }), wait);
}

/** @param {any} chart */
function fit(chart) {
    const width = Math.max(chart.element.clientWidth, 100);
    if (!chart.destroyed && width !== chart.plot.width) {
        chart.plot.setSize({ width, height: chart.options.height });
    }
}

/** An x label for a time of day (seconds since the epoch), in UTC as the page's clocks read. @param {number} ts */
function clock(ts) {
    return new Date(ts * 1e3).toISOString().substring(11, 19);
}

/** A round end for a rate axis just past the value (1,050 → 1,100), so a curve fills the width. @param {number} value */
function roundUp(value) {
    if (!Number.isFinite(value) || value <= 0) {
        return 1;
    }
    const step = 10 ** (Math.floor(Math.log10(value)) - 1);
    return Math.ceil(value / step) * step;
}

/** A round top for an auto-scaled axis: 1, 2 or 5 times a power of ten, at least the maximum. @param {number | null} max */
function niceTop(max) {
    if (max == null || !Number.isFinite(max) || max <= 0) {
        return 1;
    }
    const power = 10 ** Math.floor(Math.log10(max));
    return ([1, 2, 5, 10].find(step => step * power >= max) ?? 10) * power;
}
