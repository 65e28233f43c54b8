// @ts-check
// The live run page's blockers (Components/BlockersPanel.razor): the worst single blocks with
// their victims and the blockers summed per kind, rebuilt from the run's info. While the run goes
// the info is fetched again every refreshMs from GET /api/runs/{id}: a snapshot carries only the
// newest loop interval's slow steps, and loop and run intervals are not aligned, so summing
// snapshots would miss or repeat blocks; the server's own tally is exact.
import { adaptive, count } from '../format.js';
import { element, emptyRow, quantity } from '../dom.js';
import { taskHref } from './taskBars.js';

/** @typedef {import('../contracts/runs.js').RunInfo} RunInfo */
/** @typedef {import('../contracts/runs.js').BlockerSummary} BlockerSummary */
/** @typedef {import('../contracts/runs.js').SlowStepInfo} SlowStepInfo */

/** As BlockersPanel.EmptyText. */
export const EMPTY_TEXT = 'No step has held the loop past the slow-step threshold yet.';

/** As PredictionText.VictimKindsShown. */
const KINDS_SHOWN = 4;

/**
 * "a · b · c · d · +2 more", as PredictionText lists victim kinds.
 * @param {string[]} items
 * @returns {string}
 */
function listed(items) {
    if (items.length === 0) {
        return '\u2014';
    }
    const shown = items.slice(0, KINDS_SHOWN).join(' · ');
    return items.length > KINDS_SHOWN ? `${shown} · +${items.length - KINDS_SHOWN} more` : shown;
}

/** @param {string} a @param {string} b */
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A blocker's victims per kind, most waiting first (PredictionText.VictimKinds).
 * @param {{ kind: string, count: number, waitingMs: number }[] | null | undefined} kinds
 * @returns {string}
 */
export function victimKindsText(kinds) {
    return listed([...(kinds ?? [])]
        .sort((a, b) => b.waitingMs - a.waitingMs || ordinal(a.kind, b.kind))
        .map(k => `${k.kind} ×${count(k.count)}: ${adaptive(k.waitingMs)} ms`));
}

/**
 * The waiting caused per victim kind, most first (PredictionText.WaitingByKind).
 * @param {Record<string, number> | null | undefined} waiting
 * @returns {string}
 */
export function waitingByKindText(waiting) {
    return listed(Object.entries(waiting ?? {})
        .sort((a, b) => b[1] - a[1] || ordinal(a[0], b[0]))
        .map(([kind, ms]) => `${kind}: ${adaptive(ms)} ms`));
}

/** @param {HTMLElement} child */
const num = child => element('td', 'num', [child]);

/**
 * @param {string} runId
 * @param {SlowStepInfo} block
 * @returns {HTMLElement}
 */
function blockRow(runId, block) {
    const link = element('a', 'task-link', [block.taskName]);
    link.setAttribute('href', taskHref(runId, block.taskId));
    const row = element('tr', '', [
        element('td', '', [link, ' ', element('span', 'muted', [`#${block.taskId}`])]),
        element('td', 'kind-name', [block.kind]),
        num(quantity(adaptive(block.durationMs), 'ms')),
        num(quantity(count(block.victimCount ?? 0), 'tasks')),
        num(quantity(adaptive(block.victimWaitingMs ?? 0), 'ms')),
        element('td', 'victims', [victimKindsText(block.victimKinds)]),
    ]);
    row.dataset.taskId = String(block.taskId);
    return row;
}

/**
 * @param {BlockerSummary} blocker
 * @returns {HTMLElement}
 */
function kindRow(blocker) {
    const name = element('th', 'kind-name', [blocker.kind]);
    name.setAttribute('scope', 'row');
    const row = element('tr', '', [
        name,
        num(quantity(count(blocker.steps), 'blocks')),
        num(quantity(adaptive(blocker.meanHeldMs), 'ms')),
        num(quantity(count(blocker.victims), 'tasks')),
        num(quantity(adaptive(blocker.victimWaitingMs), 'ms')),
        num(quantity(adaptive(blocker.meanWaitingPerVictimMs), 'ms')),
        element('td', 'victims', [waitingByKindText(blocker.waitingByVictimKind)]),
    ]);
    row.dataset.kind = blocker.kind;
    return row;
}

/**
 * Rebuilds both tables from the run's info (already ordered worst first by the server); each
 * block's task links to its story.
 * @param {Element | null} panel the element with data-blockers
 * @param {Pick<RunInfo, 'id' | 'worstBlocks' | 'blockers'>} info
 * @param {number} maxRows
 */
export function renderBlockers(panel, info, maxRows) {
    if (!panel) {
        return;
    }
    const blocks = (info.worstBlocks ?? []).slice(0, maxRows).map(block => blockRow(info.id, block));
    const kinds = (info.blockers ?? []).slice(0, maxRows).map(kindRow);
    panel.querySelector('[data-worst-blocks]')?.replaceChildren(...(blocks.length > 0 ? blocks : [emptyRow(6, EMPTY_TEXT)]));
    panel.querySelector('[data-blocker-kinds]')?.replaceChildren(...(kinds.length > 0 ? kinds : [emptyRow(7, EMPTY_TEXT)]));
}

/**
 * @typedef {object} BlockerRefreshOptions
 * @property {string} runId
 * @property {number} refreshMs least time between two requests
 * @property {(info: RunInfo) => void} apply called with each fresh info
 * @property {() => boolean} running whether the run still goes (no refresh after its end)
 * @property {(url: string) => Promise<Response>} [fetch]
 */

/**
 * Asks GET /api/runs/{id} every refreshMs while the run goes and the page is visible; one request
 * at a time. Returns a function that stops it.
 * @param {BlockerRefreshOptions} options
 * @returns {() => void}
 */
export function startBlockerRefresh(options) {
    const get = options.fetch ?? (url => fetch(url, { headers: { accept: 'application/json' } }));
    const url = `api/runs/${encodeURIComponent(options.runId)}`;
    /** @type {number | undefined} */
    let timer;
    let stopped = false;

    const tick = async () => {
        timer = undefined;
        if (stopped || !options.running()) {
            return;
        }
        if (document.visibilityState !== 'hidden') {
            try {
                const response = await get(url);
                if (response.ok && !stopped) {
                    const detail = await response.json();
                    if (detail?.run) {
                        options.apply(detail.run);
                    }
                }
            } catch (error) {
                // The hub reports the connection's state; the next tick tries again.
                console.debug('blockers: refresh failed', error);
            }
        }
        if (!stopped && options.running()) {
            timer = window.setTimeout(tick, options.refreshMs);
        }
    };
    timer = window.setTimeout(tick, options.refreshMs);
    return () => {
        stopped = true;
        window.clearTimeout(timer);
    };
}
