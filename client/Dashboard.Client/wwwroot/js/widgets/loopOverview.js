// @ts-check
// The live part of the loop page (/loop): polls GET /api/loop and GET /api/loop/intervals,
// rewrites the figures the server rendered in place, and draws the recent intervals.
// Polling (not the SignalR hub) is enough here: the loop page shows one small document.
import { TimeSeriesChart } from '../charts/timeSeries.js';
import { adaptive, clockUtc, compact, count, percent, MISSING } from '../format.js';
import { element, emptyRow, quantity } from '../dom.js';
import { renderKinds as renderKindRows } from './taskBars.js';

/** @typedef {import('../contracts/loop.js').LoopStatus} LoopStatus */
/** @typedef {import('../contracts/loop.js').LoopInterval} LoopInterval */
/** @typedef {import('../contracts/loop.js').TaskKindBreakdown} TaskKindBreakdown */
/** @typedef {import('../contracts/loop.js').SlowStepInfo} SlowStepInfo */

const COLORS = {
    utilization: '#3d6fd6',
    readyMean: '#1f8a8a',
    readyMax: '#9bb7d4',
    timerLag: '#8a4fc7',
};

/** A request that takes longer than this counts as failed; the next poll tries again. */
const REQUEST_TIMEOUT_MS = 5000;

/**
 * @typedef {object} LoopOverviewSettings
 * @property {number} refreshMs how often to poll
 * @property {number} windowPoints points each chart keeps
 * @property {number} maxKinds rows of the per-kind table
 * @property {number} maxSlowSteps rows of the slow-step table
 */

/**
 * Reads the limits the server rendered onto the widget's root (from DashboardUiOptions).
 * @param {HTMLElement} root
 * @returns {LoopOverviewSettings}
 */
export function readSettings(root) {
    /** @param {string} name @param {number} fallback @param {number} min @param {number} max */
    const int = (name, fallback, min, max) => {
        const value = Number.parseInt(root.dataset[name] ?? '', 10);
        return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : fallback;
    };
    return {
        refreshMs: int('refreshMs', 1000, 200, 60_000),
        windowPoints: int('windowPoints', 240, 10, 10_000),
        maxKinds: int('maxKinds', 50, 1, 1000),
        maxSlowSteps: int('maxSlowSteps', 10, 0, 1000),
    };
}

/**
 * Starts refreshing the page under root. Returns a function that stops it.
 * @param {HTMLElement} root the element with data-widget="loop-overview"
 * @param {{ fetch?: typeof fetch }} [dependencies]
 * @returns {() => void}
 */
export function start(root, dependencies = {}) {
    const fetchJson = dependencies.fetch ?? window.fetch.bind(window);
    const settings = readSettings(root);
    const charts = createCharts(root, settings.windowPoints);
    const liveStatus = /** @type {HTMLElement | null} */ (root.querySelector('[data-live-status]'));
    let lastSequence = -1;
    let lastKindsSignature = '';
    let lastSlowSignature = '';
    /** @type {number | undefined} */
    let timer;
    let stopped = false;

    /** @param {string} url @returns {Promise<any>} */
    async function getJson(url) {
        const response = await fetchJson(url, {
            headers: { Accept: 'application/json' },
            cache: 'no-store',
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (!response.ok) {
            throw new Error(`${url} answered ${response.status}`);
        }
        return response.json();
    }

    async function refresh() {
        /** @type {[LoopStatus, LoopInterval[]]} */
        const [status, intervals] = await Promise.all([getJson('api/loop'), getJson('api/loop/intervals')]);
        updateFigures(root, status);

        const newest = intervals.length > 0 ? intervals[intervals.length - 1].sequence : -1;
        if (newest < lastSequence) {
            // The host restarted: its sequence began again.
            charts.forEach(c => c.chart.clear());
            lastSequence = -1;
        }
        for (const interval of intervals) {
            if (interval.sequence > lastSequence) {
                const t = Date.parse(interval.at) / 1000;
                charts.forEach(c => c.chart.append(t, c.values(interval)));
                lastSequence = interval.sequence;
            }
        }

        const kinds = [...status.kinds].sort((a, b) => b.count - a.count).slice(0, settings.maxKinds);
        const kindsSignature = kinds.map(k => `${k.kind}\u0000${k.count}`).join('\u0001');
        if (kindsSignature !== lastKindsSignature) {
            lastKindsSignature = kindsSignature;
            renderKinds(root, kinds, status.kinds.length);
        }

        const slow = (status.latest?.slowSteps ?? []).slice(0, settings.maxSlowSteps);
        const slowSignature = `${status.latest?.sequence ?? -1}`;
        if (slowSignature !== lastSlowSignature) {
            lastSlowSignature = slowSignature;
            renderSlowSteps(root, slow);
        }
    }

    async function tick() {
        if (stopped) {
            return;
        }
        if (!document.hidden) {
            try {
                await refresh();
                setLiveStatus(liveStatus, 'live', `live · every ${compact(settings.refreshMs / 1000)} s`);
            } catch (error) {
                setLiveStatus(liveStatus, 'offline', 'no answer from the server · retrying');
                console.warn('loop overview refresh failed', error);
            }
        }
        if (!stopped) {
            // A chain of timeouts, not an interval: a slow answer never stacks requests.
            timer = window.setTimeout(tick, settings.refreshMs);
        }
    }

    const onVisible = () => {
        if (!document.hidden && !stopped) {
            window.clearTimeout(timer);
            tick();
        }
    };
    document.addEventListener('visibilitychange', onVisible);
    tick();

    return () => {
        stopped = true;
        window.clearTimeout(timer);
        document.removeEventListener('visibilitychange', onVisible);
        charts.forEach(c => c.chart.destroy());
    };
}

/**
 * @param {HTMLElement} root
 * @param {number} capacity
 * @returns {{ chart: TimeSeriesChart, values: (interval: LoopInterval) => (number | null)[] }[]}
 */
function createCharts(root, capacity) {
    /** @type {{ chart: TimeSeriesChart, values: (interval: LoopInterval) => (number | null)[] }[]} */
    const charts = [];
    /** @param {string} name */
    const container = name => /** @type {HTMLElement | null} */ (root.querySelector(`[data-chart="${name}"]`));

    const utilization = container('utilization');
    if (utilization) {
        charts.push({
            chart: new TimeSeriesChart(utilization, {
                unit: '%', capacity, yMax: 100,
                series: [{ label: 'utilization', color: COLORS.utilization, fill: true }],
            }),
            values: i => [i.utilization * 100],
        });
    }

    const ready = container('ready-depth');
    if (ready) {
        charts.push({
            chart: new TimeSeriesChart(ready, {
                unit: 'tasks', capacity,
                series: [
                    { label: 'mean', color: COLORS.readyMean, fill: true },
                    { label: 'max', color: COLORS.readyMax },
                ],
            }),
            values: i => [i.readyDepthMean, i.readyDepthMax],
        });
    }

    const lag = container('timer-lag');
    if (lag) {
        charts.push({
            chart: new TimeSeriesChart(lag, {
                unit: 'ms', capacity,
                series: [{ label: 'p99', color: COLORS.timerLag, fill: true }],
            }),
            // An interval in which no timer fired has no lag to show.
            values: i => [i.timerCount > 0 ? i.timerLagP99Ms : null],
        });
    }

    return charts;
}

/**
 * Rewrites the elements marked data-figure, only where the text changed.
 * @param {HTMLElement} root
 * @param {LoopStatus} status
 */
function updateFigures(root, status) {
    const latest = status.latest;
    /** @type {Record<string, string>} */
    const text = {
        running: status.running ? 'running' : 'stopped',
        sequence: latest ? `#${latest.sequence}` : MISSING,
        duration: latest ? adaptive(latest.durationMs) : MISSING,
        at: latest ? clockUtc(latest.at) : MISSING,
        utilization: latest ? percent(latest.utilization) : MISSING,
        'ready-mean': latest ? adaptive(latest.readyDepthMean) : MISSING,
        'ready-max': latest ? count(latest.readyDepthMax) : MISSING,
        'steps-per-second': latest ? adaptive(latest.stepsPerSecond) : MISSING,
        'timer-lag-p50': latest ? adaptive(latest.timerLagP50Ms) : MISSING,
        'timer-lag-p99': latest ? adaptive(latest.timerLagP99Ms) : MISSING,
        'tasks-alive': count(latest ? latest.tasksAlive : status.tasksAlive),
        'slow-steps': latest ? count(latest.slowStepCount) : MISSING,
        'tasks-completed': count(status.tasksCompleted),
    };
    for (const element of root.querySelectorAll('[data-figure]')) {
        const key = /** @type {HTMLElement} */ (element).dataset.figure ?? '';
        const value = text[key];
        if (value !== undefined && element.textContent !== value) {
            element.textContent = value;
        }
        if (key === 'running') {
            element.classList.toggle('pill-ok', status.running);
            element.classList.toggle('pill-bad', !status.running);
        }
    }
}

/**
 * @param {HTMLElement | null} element
 * @param {'live' | 'offline'} state
 * @param {string} text
 */
function setLiveStatus(element, state, text) {
    if (!element) {
        return;
    }
    element.classList.toggle('live', state === 'live');
    element.classList.toggle('offline', state === 'offline');
    if (element.textContent !== text) {
        element.textContent = text;
    }
}

/**
 * The per-kind table, built as the server's LoopOverview.razor builds it.
 * @param {HTMLElement} root
 * @param {TaskKindBreakdown[]} kinds most frequent first, already limited
 * @param {number} totalKinds
 */
function renderKinds(root, kinds, totalKinds) {
    const body = root.querySelector('[data-kinds]');
    if (!body) {
        return;
    }
    renderKindRows(body, kinds, 'No task has completed yet.');

    const note = root.querySelector('[data-kinds-note]');
    if (note) {
        note.textContent = totalKinds > kinds.length
            ? `Showing the ${count(kinds.length)} most frequent of ${count(totalKinds)} kinds.`
            : '';
    }
}

/**
 * @param {HTMLElement} root
 * @param {SlowStepInfo[]} steps already limited
 */
function renderSlowSteps(root, steps) {
    const body = root.querySelector('[data-slow-steps]');
    if (!body) {
        return;
    }
    const rows = steps.map(s => element('tr', '', [
        element('td', '', [`${s.taskName} `, element('span', 'muted', [`#${s.taskId}`])]),
        element('td', '', [s.kind]),
        element('td', 'num', [quantity(adaptive(s.durationMs), 'ms')]),
        element('td', 'num', [quantity(count(s.queuedBehind), 'tasks')]),
    ]));
    body.replaceChildren(...(rows.length > 0 ? rows : [emptyRow(4, 'No slow step in the latest interval.')]));
}

const widgetRoot = /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="loop-overview"]'));
if (widgetRoot) {
    start(widgetRoot);
}
