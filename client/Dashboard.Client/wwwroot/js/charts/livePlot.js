// @ts-check
// What every live chart shares: a bounded window of columns (the oldest points dropped beyond
// the capacity), redraws coalesced to animation frames (at most one per MIN_REDRAW_MS), and a
// width that follows the container, and the axes' style. The charts (timeSeries.js,
// stackedShare.js, rateCurve.js) only build their uPlot options and turn what they are given into a row.
import uPlot from '../../lib/uplot/uPlot.esm.js';

/** Redraws are coalesced: data may arrive faster than it is worth drawing. */
const MIN_REDRAW_MS = 200;

const AXIS_COLOR = '#667080';
const GRID_COLOR = '#eef0f3';
/** The warm-up's stretch is veiled: what is drawn there counts in no figure (as in the HTML report). */
const WARM_UP_VEIL = 'rgba(255, 255, 255, 0.7)';
const WARM_UP_LABEL = '#667080';

/**
 * A uPlot axis in the dashboard's style (muted stroke, light grid, no ticks), each split labelled
 * by `label`, with any other uPlot axis settings (size, space) added.
 * @param {(value: number) => string} label
 * @param {Record<string, unknown>} [settings]
 */
export function styledAxis(label, settings = {}) {
    return {
        stroke: AXIS_COLOR,
        grid: { stroke: GRID_COLOR, width: 1 },
        ticks: { show: false },
        values: (/** @type {unknown} */ _u, /** @type {number[]} */ splits) => splits.map(label),
        ...settings,
    };
}

export class LivePlot {
    /** @type {HTMLElement} */
    #container;
    /** @type {uPlot} */
    #plot;
    /** @type {(number | null)[][]} x, then one column per series */
    #data;
    #capacity;
    #height;
    #drawPending = false;
    #lastDraw = 0;
    /** @type {ResizeObserver | null} */
    #resizeObserver = null;
    #resizePending = false;
    #destroyed = false;
    /** @type {number | null} x where the run's warm-up ends, once a warm-up point has been seen */
    #warmUpUntil = null;

    /**
     * @param {HTMLElement} container element the chart fills (its width is followed)
     * @param {{ capacity: number, height?: number, columns: number }} shape columns counts x too
     * @param {(width: number, height: number) => uPlot.Options} options the chart's uPlot options
     */
    constructor(container, shape, options) {
        if (!Number.isInteger(shape.capacity) || shape.capacity < 2) {
            throw new RangeError(`capacity must be an integer of at least 2, got ${shape.capacity}`);
        }
        this.#container = container;
        this.#capacity = shape.capacity;
        this.#height = shape.height ?? 160;
        this.#data = Array.from({ length: shape.columns }, () => []);
        const width = Math.max(container.clientWidth, 100);
        this.#plot = new uPlot(this.#withWarmUpVeil(options(width, this.#height)), /** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.#data)), container);
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
     * Adds one point (x first, then one value per series); drops the oldest beyond the capacity.
     * @param {(number | null)[]} row
     */
    push(row) {
        if (this.#destroyed) {
            return;
        }
        const data = this.#data;
        for (let i = 0; i < data.length; i++) {
            data[i].push(row[i] ?? null);
        }
        const excess = data[0].length - this.#capacity;
        if (excess > 0) {
            for (const column of data) {
                column.splice(0, excess);
            }
        }
        this.#scheduleDraw();
    }

    /**
     * Replaces every point at once (a chart whose whole series arrives each time, such as a
     * sweep's steps): one column per series after x, each as long as x; the newest kept beyond
     * the capacity.
     * @param {(number | null)[][]} columns x first
     */
    replace(columns) {
        if (this.#destroyed) {
            return;
        }
        const length = columns[0]?.length ?? 0;
        const from = Math.max(0, length - this.#capacity);
        this.#data.forEach((column, i) => {
            const source = columns[i] ?? [];
            column.length = 0;
            for (let at = from; at < length; at++) {
                column.push(source[at] ?? null);
            }
        });
        this.#scheduleDraw();
    }

    /**
     * Veils the chart from its left edge to x (the end of the run's warm-up so far).
     * @param {number} x
     */
    warmUpUntil(x) {
        if (Number.isFinite(x) && (this.#warmUpUntil === null || x > this.#warmUpUntil)) {
            this.#warmUpUntil = x;
            // Said on the element too, for whoever reads the page without looking at the canvas.
            this.#container.dataset.warmUpUntil = String(x);
            this.#scheduleDraw();
        }
    }

    /**
     * Adds a draw hook that veils the warm-up's stretch over whatever the chart drew.
     * @param {uPlot.Options} options
     * @returns {uPlot.Options}
     */
    #withWarmUpVeil(options) {
        const veil = (/** @type {uPlot} */ u) => {
            const until = this.#warmUpUntil;
            if (until === null) {
                return;
            }
            const { left, top, width, height } = u.bbox;
            const end = Math.min(left + width, Math.max(left, u.valToPos(until, 'x', true)));
            if (end <= left) {
                return;
            }
            const ctx = u.ctx;
            ctx.save();
            ctx.fillStyle = WARM_UP_VEIL;
            ctx.fillRect(left, top, end - left, height);
            ctx.fillStyle = WARM_UP_LABEL;
            ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
            // uPlot leaves the axes' alignment set; the label starts inside the veil's top left.
            ctx.textAlign = 'left';
            ctx.textBaseline = 'top';
            ctx.fillText('warm-up', left + 4 * devicePixelRatio, top + 4 * devicePixelRatio);
            ctx.restore();
        };
        return { ...options, hooks: { ...options.hooks, draw: [...(options.hooks?.draw ?? []), veil] } };
    }

    /** Drops every point (after the server restarted, say). */
    clear() {
        this.#warmUpUntil = null;
        delete this.#container.dataset.warmUpUntil;
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
            this.#plot.setData(/** @type {uPlot.AlignedData} */ (/** @type {unknown} */ (this.#data)));
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
