// @ts-check
// The live part of a run's page (/runs/{id}): follows the run on the hub and rewrites, in
// place, what the server rendered. Snapshots go to the charts as they come (each chart
// coalesces its own redraws); figures and tables are redrawn at most once per redrawMs.
import { RunsHubClient } from '../live/runsHub.js';
import { RunState } from './runState.js';
import { createRunCharts } from './runCharts.js';
import { renderFigures } from './runFigures.js';
import { bindControls } from './runControls.js';
import { renderKinds, renderSamples } from './taskBars.js';
import { renderPrediction } from './predictionPanel.js';
import { bindWhatIf } from './whatIf.js';
import { renderBlockers, startBlockerRefresh } from './blockerTables.js';
import { SweepPanel } from './sweepPanel.js';
import { setText } from '../dom.js';

/** @typedef {import('../contracts/runs.js').RunSnapshot} RunSnapshot */
/** @typedef {import('../contracts/runs.js').RunInfo} RunInfo */
/** @typedef {import('../live/runsHub.js').HubState} HubState */

/**
 * @typedef {object} LiveRunSettings
 * @property {string} runId
 * @property {number} requests the run's request total as rendered
 * @property {number} sequence the newest snapshot the server rendered (-1 for none)
 * @property {number} plannedSeconds
 * @property {number} windowPoints points each chart keeps
 * @property {number} redrawMs least time between two redraws of figures and tables
 * @property {number} maxKinds rows of the per-kind table
 * @property {number} maxSamples rows per sample table
 * @property {number} maxBlockers rows per blockers table
 * @property {number} maxSweepRows steps listed in the sweep table
 * @property {number} blockerRefreshMs time between two refreshes of the blockers while the run goes
 */

/**
 * Reads what the server rendered onto the widget's root (DashboardUiOptions and the run).
 * @param {HTMLElement} root
 * @returns {LiveRunSettings}
 */
export function readSettings(root) {
    /** @param {string} name @param {number} fallback @param {number} min @param {number} max */
    const number = (name, fallback, min, max) => {
        const value = Number.parseFloat(root.dataset[name] ?? '');
        return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : fallback;
    };
    return {
        runId: root.dataset.runId ?? '',
        requests: number('requests', 0, 0, Number.MAX_SAFE_INTEGER),
        sequence: Math.trunc(number('sequence', -1, -1, Number.MAX_SAFE_INTEGER)),
        plannedSeconds: number('plannedSeconds', 0, 0, Number.MAX_SAFE_INTEGER),
        windowPoints: Math.trunc(number('windowPoints', 240, 10, 10_000)),
        redrawMs: number('redrawMs', 250, 50, 10_000),
        maxKinds: Math.trunc(number('maxKinds', 50, 1, 1000)),
        maxSamples: Math.trunc(number('maxSamples', 10, 1, 200)),
        maxBlockers: Math.trunc(number('maxBlockers', 10, 1, 100)),
        maxSweepRows: Math.trunc(number('maxSweepRows', 50, 1, 1000)),
        blockerRefreshMs: number('blockerRefreshMs', 2000, 500, 60_000),
    };
}

/** @type {Record<HubState, string>} */
const HUB_STATE_TEXT = {
    connecting: 'connecting…',
    live: 'live',
    reconnecting: 'connection lost · reconnecting…',
    offline: 'offline',
};

/**
 * Starts following the run under root. Returns a function that stops it.
 * @param {HTMLElement} root the element with data-widget="live-run"
 * @param {{ signalR?: any }} [dependencies]
 * @returns {() => void}
 */
export function start(root, dependencies = {}) {
    const settings = readSettings(root);
    const state = new RunState({
        info: null,
        requests: settings.requests,
        sequence: settings.sequence,
        maxSamples: settings.maxSamples,
    });
    const charts = createRunCharts(root, settings.windowPoints);
    const liveStatus = root.querySelector('[data-live-status]');
    const predictionPanel = root.querySelector('[data-prediction]');
    const blockersPanel = root.querySelector('[data-blockers]');
    const sweepHost = /** @type {HTMLElement | null} */ (root.querySelector('[data-sweep]'));
    const sweep = sweepHost ? new SweepPanel(sweepHost, settings.maxSweepRows) : null;
    const whatIfForm = /** @type {HTMLFormElement | null} */ (root.querySelector('form[data-what-if]'));
    const unbindWhatIf = whatIfForm ? bindWhatIf(whatIfForm) : () => {};
    /** @type {number | undefined} */
    let renderTimer;
    let lastRender = 0;
    let stopped = false;
    // Until the hub's first RunChanged, the status the server rendered says whether the run goes.
    const stopBlockerRefresh = startBlockerRefresh({
        runId: settings.runId,
        refreshMs: settings.blockerRefreshMs,
        running: () => !stopped && (state.info ? state.running : root.dataset.status === 'Running'),
        apply: info => renderBlockers(blockersPanel, info, settings.maxBlockers),
    });

    const render = () => {
        renderTimer = undefined;
        if (stopped) {
            return;
        }
        lastRender = performance.now();
        renderFigures(root, state, state.info?.plannedSeconds ?? settings.plannedSeconds);
        const kinds = [...(state.latest?.tasks.kinds ?? [])].sort((a, b) => b.count - a.count).slice(0, settings.maxKinds);
        renderKinds(root.querySelector('[data-kinds]'), kinds, 'No task completed in the latest interval.');
        renderSamples(root.querySelector('[data-samples="slowest"]'), settings.runId, state.slowest, 'No task sampled yet.');
        renderSamples(root.querySelector('[data-samples="recent"]'), settings.runId, state.recent, 'No task sampled yet.');
        renderPrediction(predictionPanel, state.latest?.prediction);
        sweep?.update(state.sweep);
        controls.update(state);
    };
    const scheduleRender = () => {
        if (renderTimer === undefined && !stopped) {
            renderTimer = window.setTimeout(render, Math.max(0, lastRender + settings.redrawMs - performance.now()));
        }
    };

    const hub = new RunsHubClient(settings.runId, {
        history(runId, snapshots) {
            if (runId !== settings.runId) {
                return;
            }
            // The whole recent history again (after a reconnect too): redraw the charts from it.
            charts.clear();
            for (const snapshot of snapshots.slice(-settings.windowPoints)) {
                charts.append(snapshot);
            }
            state.applyHistory(snapshots);
            scheduleRender();
        },
        snapshot(snapshot) {
            if (snapshot.runId === settings.runId && state.applySnapshot(snapshot)) {
                charts.append(snapshot);
                scheduleRender();
            }
        },
        runChanged(info) {
            if (info.id === settings.runId) {
                state.applyRunChanged(info);
                renderBlockers(blockersPanel, info, settings.maxBlockers);
                scheduleRender();
            }
        },
        dropped(runId, count) {
            if (runId === settings.runId) {
                state.addDropped(count);
                scheduleRender();
            }
        },
        state(hubState, detail) {
            if (liveStatus) {
                liveStatus.classList.toggle('live', hubState === 'live');
                liveStatus.classList.toggle('offline', hubState === 'offline' || hubState === 'reconnecting');
                setText(liveStatus, detail ? `${HUB_STATE_TEXT[hubState]} · ${detail}` : HUB_STATE_TEXT[hubState]);
            }
        },
    }, dependencies.signalR ?? /** @type {any} */ (globalThis).signalR);

    const controls = bindControls(root, {
        stop: () => hub.stopRun(),
        change: change => hub.change(change),
    });

    hub.start();

    return () => {
        stopped = true;
        window.clearTimeout(renderTimer);
        hub.dispose();
        charts.destroy();
        sweep?.destroy();
        unbindWhatIf();
        stopBlockerRefresh();
    };
}

const widgetRoot = /** @type {HTMLElement | null} */ (document.querySelector('[data-widget="live-run"]'));
if (widgetRoot) {
    start(widgetRoot);
}
