// @ts-check
// The live run page's charts, one point per snapshot, x in seconds since the run began:
// throughput and errors, latency (corrected and raw), waiting on the loop, utilization,
// ready-queue depth, the stacked awake / waiting / asleep share, and the requests' measured mean
// waiting beside what M/G/1 and Kingman predict for the interval.
import { TimeSeriesChart } from '../charts/timeSeries.js';
import { StackedShareChart } from '../charts/stackedShare.js';

/** @typedef {import('../contracts/runs.js').RunSnapshot} RunSnapshot */

const COLORS = {
    throughput: '#3461c1',
    errors: '#b42318',
    p50: '#1f8a8a',
    p99: '#8a4fc7',
    waitingP99: '#e58a16',
    waitingMean: '#f2c27a',
    utilization: '#3d6fd6',
    readyMean: '#1f8a8a',
    readyMax: '#9bb7d4',
    measured: '#e58a16',
    mgOne: '#1f8a8a',
    kingman: '#3461c1',
};
const RAW_DASH = [4, 3];

/** Predictions above this many times the measured peak run off the top of the prediction chart. */
const PREDICTION_HEADROOM = 3;

/**
 * The prediction chart's top: near saturation the models' figures shoot towards infinity, and one
 * such interval would flatten the measured line; so the scale follows the measurement and lets
 * predictions beyond PREDICTION_HEADROOM times its peak run off the top.
 * @param {(number | null)[][]} columns x, measured, M/G/1, Kingman
 * @returns {number}
 */
export function predictionTop(columns) {
    /** @param {(number | null)[] | undefined} column */
    const peak = column => Math.max(0, ...(column ?? []).filter(v => typeof v === 'number' && Number.isFinite(v)).map(Number));
    const measured = peak(columns[1]);
    const predicted = Math.max(peak(columns[2]), peak(columns[3]));
    return measured > 0 ? Math.max(measured, Math.min(predicted, PREDICTION_HEADROOM * measured)) : predicted;
}

/**
 * @typedef {object} RunCharts
 * @property {(snapshot: RunSnapshot) => void} append
 * @property {() => void} clear
 * @property {() => void} destroy
 */

/**
 * Creates a chart in every [data-chart] container the page has.
 * @param {HTMLElement} root
 * @param {number} capacity points each chart keeps
 * @returns {RunCharts}
 */
export function createRunCharts(root, capacity) {
    /** @type {{ chart: TimeSeriesChart, values: (s: RunSnapshot) => (number | null)[] }[]} */
    const lines = [];
    /** @param {string} name */
    const container = name => /** @type {HTMLElement | null} */ (root.querySelector(`[data-chart="${name}"]`));
    /**
     * @param {string} name
     * @param {import('../charts/timeSeries.js').TimeSeriesOptions} options
     * @param {(s: RunSnapshot) => (number | null)[]} values
     */
    const line = (name, options, values) => {
        const host = container(name);
        if (host) {
            lines.push({ chart: new TimeSeriesChart(host, options), values });
        }
    };

    line('throughput', {
        unit: '/s', xUnit: 's', capacity,
        series: [
            { label: 'throughput', color: COLORS.throughput, fill: true },
            { label: 'errors', color: COLORS.errors },
        ],
    }, s => [s.load.throughputPerSecond, s.intervalSeconds > 0 ? s.load.failures / s.intervalSeconds : null]);

    line('latency', {
        unit: 'ms', xUnit: 's', capacity,
        series: [
            { label: 'p50', color: COLORS.p50 },
            { label: 'p99', color: COLORS.p99 },
            { label: 'p50 raw', color: COLORS.p50, dash: RAW_DASH },
            { label: 'p99 raw', color: COLORS.p99, dash: RAW_DASH },
        ],
    }, s => s.load.requests > 0
        ? [s.load.corrected.p50Ms, s.load.corrected.p99Ms, s.load.raw.p50Ms, s.load.raw.p99Ms]
        : [null, null, null, null]);

    line('waiting', {
        unit: 'ms', xUnit: 's', capacity,
        series: [
            { label: 'p99', color: COLORS.waitingP99, fill: true },
            { label: 'mean', color: COLORS.waitingMean },
        ],
    }, s => s.tasks.overall.count > 0
        ? [s.tasks.overall.waiting.p99Ms, s.tasks.overall.waiting.meanMs]
        : [null, null]);

    line('utilization', {
        unit: '%', xUnit: 's', capacity, yMax: 100,
        series: [{ label: 'utilization', color: COLORS.utilization, fill: true }],
    }, s => [s.loop ? s.loop.utilization * 100 : null]);

    line('ready-depth', {
        unit: 'tasks', xUnit: 's', capacity,
        series: [
            { label: 'mean', color: COLORS.readyMean, fill: true },
            { label: 'max', color: COLORS.readyMax },
        ],
    }, s => s.loop ? [s.loop.readyDepthMean, s.loop.readyDepthMax] : [null, null]);

    // A null prediction (utilization ≥ 1: no steady state) leaves a gap rather than a made-up value.
    line('prediction', {
        unit: 'ms', xUnit: 's', capacity, yTop: predictionTop,
        series: [
            { label: 'measured mean', color: COLORS.measured, fill: true },
            { label: 'M/G/1', color: COLORS.mgOne, dash: RAW_DASH },
            { label: 'Kingman', color: COLORS.kingman, dash: [2, 2] },
        ],
    }, s => s.prediction
        ? [s.prediction.measuredMeanMs, s.prediction.predictedMgOneMs ?? null, s.prediction.predictedKingmanMs ?? null]
        : [null, null, null]);

    const shareHost = container('share');
    const share = shareHost ? new StackedShareChart(shareHost, { capacity, xUnit: 's' }) : null;

    return {
        append(snapshot) {
            const x = snapshot.elapsedSeconds;
            for (const { chart, values } of lines) {
                chart.append(x, values(snapshot));
            }
            const overall = snapshot.tasks.overall;
            share?.append(x, overall.awake.sumMs, overall.waiting.sumMs, overall.asleep.sumMs);
            if (snapshot.warmUp) {
                // The warm-up's intervals come first and count nowhere: grey them.
                lines.forEach(l => l.chart.warmUpUntil(x));
                share?.warmUpUntil(x);
            }
        },
        clear() {
            lines.forEach(l => l.chart.clear());
            share?.clear();
        },
        destroy() {
            lines.forEach(l => l.chart.destroy());
            share?.destroy();
        },
    };
}
